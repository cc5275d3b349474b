using System.Collections.Generic;
using System.Net;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Transport
{
    /// <summary>A BMC answered with an error status. Carries the status and the vendor's own code and message.</summary>
    public abstract class BmcResponseException : EscFirmwareException
    {
        protected BmcResponseException(string errorId, ErrorKind kind, Phrase message, HttpStatusCode statusCode, string? vendorCode, Phrase? recommendedAction)
            : base(errorId, kind, message, vendorCode, recommendedAction)
        {
            StatusCode = statusCode;
        }

        public HttpStatusCode StatusCode { get; }
    }

    /// <summary>A Redfish error body: <c>error.code</c> and every <c>@Message.ExtendedInfo</c> MessageId.</summary>
    public sealed class RedfishException : BmcResponseException
    {
        public RedfishException(string errorId, ErrorKind kind, Phrase message, HttpStatusCode statusCode, IReadOnlyList<string> messageIds, Phrase? recommendedAction)
            : base(errorId, kind, message, statusCode, messageIds.Count > 0 ? string.Join(",", messageIds) : null, recommendedAction)
        {
            MessageIds = messageIds;
        }

        public IReadOnlyList<string> MessageIds { get; }

        /// <summary>The 401 carried <c>WWW-Authenticate: Basic</c>: the service wants HTTP Basic credentials.</summary>
        public bool ChallengesBasic { get; internal set; }
    }

    /// <summary>An AMI web API error body: <c>{"error","code"}</c> or <c>{"cc","error"}</c>.</summary>
    public sealed class AmiWebException : BmcResponseException
    {
        public AmiWebException(string errorId, ErrorKind kind, Phrase message, HttpStatusCode statusCode, int? code, int? completionCode, Phrase? recommendedAction)
            : base(errorId, kind, message, statusCode, code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (completionCode.HasValue ? "cc:" + completionCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), recommendedAction)
        {
            Code = code;
            CompletionCode = completionCode;
        }

        /// <summary>The AMI error code (1348 update mode, 15000 session table full, 1012 lockout, 1442 flash not sent, …).</summary>
        public int? Code { get; }

        /// <summary>The AMI completion code of <c>{"cc":N}</c> bodies (8 = missing key, wrong type or bad JSON).</summary>
        public int? CompletionCode { get; }
    }
}
