using System.Net;

namespace EscFirmware.Core.Updates.Generic
{
    /// <summary>What the service answered to an accepted push or SimpleUpdate: what the task tracker starts from.</summary>
    public sealed class PushAnswer
    {
        public PushAnswer(HttpStatusCode status, string? location, string? body)
        {
            Status = status;
            Location = location;
            Body = body;
        }

        public HttpStatusCode Status { get; }
        /// <summary>The Location header as a path on the BMC; null when there was none.</summary>
        public string? Location { get; }
        public string? Body { get; }
    }
}
