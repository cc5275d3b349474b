using System.Collections.Generic;
using System.Text.Json;

namespace EscFirmware.Core.Transport
{
    /// <summary>What an error body says, read from either the Redfish or the AMI web API shape.</summary>
    internal sealed class VendorErrorBody
    {
        public string? Message { get; private set; }
        public List<string> MessageIds { get; } = new List<string>();
        public int? AmiCode { get; private set; }
        public int? AmiCompletionCode { get; private set; }

        public static VendorErrorBody Parse(string? content)
        {
            var body = new VendorErrorBody();
            if (string.IsNullOrWhiteSpace(content)) return body;
            try
            {
                using (var document = JsonDocument.Parse(content!))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return body;
                    if (root.TryGetProperty("error", out var error))
                    {
                        if (error.ValueKind == JsonValueKind.Object) body.ReadRedfish(error);
                        else if (error.ValueKind == JsonValueKind.String) body.Message = error.GetString();
                    }
                    if (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var c)) body.AmiCode = c;
                    if (root.TryGetProperty("cc", out var cc) && cc.ValueKind == JsonValueKind.Number && cc.TryGetInt32(out var completion)) body.AmiCompletionCode = completion;
                    if (root.TryGetProperty("@Message.ExtendedInfo", out var info)) body.ReadExtendedInfo(info);
                }
            }
            catch (JsonException)
            {
                // An HTML error page (a rate-limit 403 from lighttpd, a proxy): nothing structured to read.
            }
            return body;
        }

        private void ReadRedfish(JsonElement error)
        {
            if (error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) Message = message.GetString();
            if (error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is string id) MessageIds.Add(id);
            if (error.TryGetProperty("@Message.ExtendedInfo", out var info)) ReadExtendedInfo(info);
        }

        private void ReadExtendedInfo(JsonElement info)
        {
            if (info.ValueKind != JsonValueKind.Array) return;
            foreach (var entry in info.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) continue;
                if (entry.TryGetProperty("MessageId", out var id) && id.GetString() is string messageId && !MessageIds.Contains(messageId)) MessageIds.Add(messageId);
                if (entry.TryGetProperty("Message", out var text) && text.ValueKind == JsonValueKind.String) Message = text.GetString();
            }
        }
    }
}
