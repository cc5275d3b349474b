using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Sessions
{
    /// <summary>Opens the Redfish access a run asked for: HTTP Basic costs no request to open, a session costs a login now and a logout at the end.</summary>
    public static class RedfishAccess
    {
        public static async Task<IRedfishAccess> OpenAsync(BmcConnection connection, BmcCredential credential, RedfishAuthentication authentication, CancellationToken cancellationToken) =>
            authentication == RedfishAuthentication.Session
                ? await RedfishSession.OpenAsync(connection, credential, cancellationToken).ConfigureAwait(false)
                : new RedfishBasicAccess(connection, credential);
    }
}
