using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Redfish;
using EscFirmware.Core.Transport;
using RestSharp;

namespace EscFirmware.Core.Sessions
{
    /// <summary>
    /// How requests to one BMC's Redfish service prove who sends them: a Redfish session (<see cref="RedfishSession"/>)
    /// or HTTP Basic on every request (<see cref="RedfishBasicAccess"/>). Discovery and reads work through this seam and
    /// do not care which; <see cref="RedfishAccess"/> picks one for a run.
    /// </summary>
    public interface IRedfishAccess
    {
        BmcConnection Connection { get; }

        /// <summary>How this access authenticates, in words for verbose output ("HTTP Basic", "a Redfish session").</summary>
        string Scheme { get; }

        /// <summary>An idempotent read, retried on connection failures and 503 within the read deadline.</summary>
        Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken);

        /// <summary>A write, sent once. The caller decides what a failure means; nothing is retried here.</summary>
        Task<RestResponse> SendAsync(RestRequest request, string what, CancellationToken cancellationToken);

        /// <summary>Adds this access's credentials to a request the caller sends itself (streamed uploads).</summary>
        void Authorize(HttpRequestMessage request);

        /// <summary>Releases what the BMC holds for this client (a session). Safe to call twice; never throws for a BMC that is gone.</summary>
        Task CloseAsync();
    }
}
