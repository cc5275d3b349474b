using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Sessions
{
    /// <summary>Opens the Redfish access a run asked for: HTTP Basic costs no request to open, a session costs a login now and a logout at the end.</summary>
    public static class RedfishAccess
    {
        /// <summary>
        /// The access for a run that changes the BMC: a Redfish session when the service has a SessionService (201, 204 or
        /// 200; Basic on the login itself when the service challenges for it), HTTP Basic on every request when it has none
        /// (the login answers 404 or 405). Any other refusal (wrong credentials, lockout) fails as such.
        /// </summary>
        public static async Task<IRedfishAccess> OpenFittingAsync(BmcConnection connection, BmcCredential credential, CancellationToken cancellationToken)
        {
            try
            {
                return await RedfishSession.OpenAsync(connection, credential, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException none) when (none.StatusCode == HttpStatusCode.NotFound || none.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                return new RedfishBasicAccess(connection, credential);
            }
        }

        public static async Task<IRedfishAccess> OpenAsync(BmcConnection connection, BmcCredential credential, RedfishAuthentication authentication, CancellationToken cancellationToken) =>
            authentication == RedfishAuthentication.Session
                ? await RedfishSession.OpenAsync(connection, credential, cancellationToken).ConfigureAwait(false)
                : new RedfishBasicAccess(connection, credential);
    }
}
