using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Sessions;
using EscFirmware.Core.Transport;

namespace EscFirmware.Core.Redfish
{
    /// <summary>
    /// The top-level URIs the Redfish specification fixes since 1.6 (DSP0266, "Resource URI patterns"), read straight
    /// without the service root. The root is read only when a fixed URI is missing (an older service): then, once per
    /// reader, its link is followed, and what it says the service supports is remembered for the host.
    /// </summary>
    internal sealed class ServiceUris
    {
        public const string Root = "/redfish/v1";
        public const string Managers = "/redfish/v1/Managers";
        public const string Systems = "/redfish/v1/Systems";
        public const string UpdateService = "/redfish/v1/UpdateService";

        private readonly IRedfishAccess _access;
        private RedfishResource? _root;

        public ServiceUris(IRedfishAccess access) => _access = access;

        /// <summary>The resource at its fixed URI, else where the service root links it; null when the service has none.</summary>
        public async Task<RedfishResource?> ReadAsync(string linkName, string fixedPath, string query, CancellationToken cancellationToken)
        {
            try
            {
                return await _access.GetAsync(fixedPath + query, cancellationToken).ConfigureAwait(false);
            }
            catch (BmcResponseException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
            {
            }
            var root = await RootAsync(cancellationToken).ConfigureAwait(false);
            var linked = root.GetLink(linkName);
            if (linked == null || string.Equals(linked.TrimEnd('/'), fixedPath, StringComparison.OrdinalIgnoreCase)) return null;
            return await _access.GetAsync(linked + query, cancellationToken).ConfigureAwait(false);
        }

        private async Task<RedfishResource> RootAsync(CancellationToken cancellationToken)
        {
            if (_root == null)
            {
                _root = await _access.GetAsync(Root, cancellationToken).ConfigureAwait(false);
                if (_access.Connection.Facts.Expand == ExpandSupport.Unknown) _access.Connection.Facts.LearnFrom(_root);
            }
            return _root;
        }
    }
}
