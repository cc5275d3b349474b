using System.Text.Json;

namespace EscFirmware.Core.Redfish
{
    /// <summary>Whether a service expands collections in place (<c>$expand</c>).</summary>
    public enum ExpandSupport
    {
        /// <summary>Not learned yet this run: the next collection read asks for it and learns from the answer.</summary>
        Unknown,
        Supported,
        Unsupported,
    }

    /// <summary>
    /// What one BMC's Redfish service was found to support, learned once per host per run and reused by every later
    /// read of that host: from the service root's <c>ProtocolFeaturesSupported.ExpandQuery</c> where the root was read
    /// anyway, otherwise from the first collection read itself (members in place prove <c>$expand</c>; bare links or a
    /// 400/501 disprove it), which costs no extra request on services that expand or ignore the query.
    /// </summary>
    public sealed class RedfishServiceFacts
    {
        public ExpandSupport Expand { get; set; }

        /// <summary>Takes <c>ProtocolFeaturesSupported.ExpandQuery</c> from a service root: levels and subordinate-only
        /// expansion (<c>$expand=.($levels=1)</c>) are what collection reads ask for.</summary>
        public void LearnFrom(RedfishResource serviceRoot)
        {
            var expand = serviceRoot.At("ProtocolFeaturesSupported", "ExpandQuery");
            Expand = expand is JsonElement query && IsTrue(query, "Levels") && (IsTrue(query, "NoLinks") || IsTrue(query, "ExpandAll"))
                ? ExpandSupport.Supported
                : ExpandSupport.Unsupported;
        }

        private static bool IsTrue(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
    }
}
