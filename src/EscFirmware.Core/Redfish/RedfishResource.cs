using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EscFirmware.Core.Redfish
{
    /// <summary>One Redfish resource as read, with the few accessors discovery needs.</summary>
    public sealed class RedfishResource
    {
        public RedfishResource(string path, JsonElement body, string? etag)
        {
            Path = path;
            Body = body;
            ETag = etag;
        }

        /// <summary>
        /// A successful response's JSON body as a resource, with its ETag; or a clear refusal when the body is not a JSON
        /// object: the server answering is then not a Redfish service (a web page, a proxy, another product), and a
        /// parser's exception would say nothing.
        /// </summary>
        public static RedfishResource From(string host, string path, RestSharp.RestResponse response)
        {
            var content = response.Content;
            try
            {
                using (var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(content) ? "{}" : content!))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object) return new RedfishResource(path, document.RootElement.Clone(), HeaderValue(response, "ETag"));
                }
            }
            catch (JsonException)
            {
                // Described below.
            }
            throw NotRedfish(host, path, NotRedfishService.Describe(content));
        }

        internal static Operations.EscFirmwareException NotRedfish(string host, string path, string found) =>
            new Operations.EscFirmwareException(NotRedfishService.ErrorId, Operations.ErrorKind.ProtocolError,
                host + ": not a Redfish service: " + found + " at " + path + ".",
                recommendedAction: "Check the address and port: they must be the BMC's (its management port), not the host operating system's or another web server's.");

        public string Path { get; }
        public JsonElement Body { get; }
        public string? ETag { get; }

        public string? GetString(string name) => GetStringAt(Body, name);

        /// <summary>The <c>@odata.id</c> of a link property, e.g. <c>Managers</c> on the service root.</summary>
        public string? GetLink(string name) =>
            Body.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.Object ? GetStringAt(link, "@odata.id") : null;

        /// <summary>The <c>@odata.id</c>s of a collection's <c>Members</c>.</summary>
        public IReadOnlyList<string> Members()
        {
            var members = new List<string>();
            if (Body.TryGetProperty("Members", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var member in array.EnumerateArray())
                {
                    if (GetStringAt(member, "@odata.id") is string id) members.Add(id);
                }
            }
            return members;
        }

        /// <summary>Walks nested objects: <c>At("Oem", "AMIUpdateService")</c>.</summary>
        public JsonElement? At(params string[] names)
        {
            var current = Body;
            foreach (var name in names)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            }
            return current;
        }

        internal static string? HeaderValue(RestSharp.RestResponse response, string name) =>
            response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, System.StringComparison.OrdinalIgnoreCase))?.Value
            ?? response.ContentHeaders?.FirstOrDefault(h => string.Equals(h.Name, name, System.StringComparison.OrdinalIgnoreCase))?.Value;

        public static string? GetStringAt(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
