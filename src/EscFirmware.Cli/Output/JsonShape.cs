using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EscFirmware.Core.Operations;

namespace EscFirmware.Cli.Output
{
    /// <summary>
    /// One verb's --json object (docs/escfw-json.md): the listed properties of the cmdlet's output type under the cmdlet's
    /// names, then <c>Status</c> and <c>Error</c> (null, or the error's id, message, next step and the BMC's own code). An
    /// error becomes an object of the same shape: about a host it lands in that host's object (or a new one), about
    /// anything else (a file) it has <c>ComputerName</c> null.
    /// </summary>
    internal sealed class JsonShape
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };

        private readonly string[] _properties;
        private readonly Func<object, string?>? _status;
        private readonly Func<object, (string ErrorId, string Message, string? RecommendedAction)?>? _failure;
        private readonly (string Name, Func<object, JsonNode?> Value)[] _extras;

        /// <param name="properties">The output type's properties, in the order of the documentation.</param>
        /// <param name="status">The Status of a result whose type has none (default: Succeeded).</param>
        /// <param name="failure">The Error of a failed result (default: from its ErrorId and Message properties).</param>
        /// <param name="extras">Properties the type does not carry (for example an upgrade's per-component results); null in error objects.</param>
        public JsonShape(string[] properties, Func<object, string?>? status = null,
            Func<object, (string ErrorId, string Message, string? RecommendedAction)?>? failure = null, params (string Name, Func<object, JsonNode?> Value)[] extras)
        {
            _properties = properties;
            _status = status;
            _failure = failure;
            _extras = extras;
        }

        /// <summary>Every property of an object of this shape, in order.</summary>
        public IEnumerable<string> Names => _properties.Concat(_extras.Select(e => e.Name)).Concat(_properties.Contains("Status") ? new[] { "Error" } : new[] { "Status", "Error" });

        public JsonArray Build(IEnumerable<object> results, IEnumerable<OperationError> errors, ICollection<string> hosts)
        {
            var objects = results.Select(Result).ToList();
            foreach (var error in errors)
            {
                var host = hosts.Contains(error.Target) ? error.Target : null;
                var existing = host == null ? null : objects.FirstOrDefault(o => (string?)o["ComputerName"] == host && o["Error"] == null);
                var target = existing ?? Empty(host);
                target["Status"] = "Failed";
                target["Error"] = Error(error.ErrorId, error.Message, error.RecommendedAction, error.VendorCode);
                if (target.ContainsKey("ErrorId") && target["ErrorId"] == null) target["ErrorId"] = error.ErrorId;
                if (target.ContainsKey("Message") && target["Message"] == null) target["Message"] = error.Message;
                if (existing == null) objects.Add(target);
            }
            var array = new JsonArray();
            foreach (var item in objects) array.Add(item);
            return array;
        }

        private JsonObject Result(object item)
        {
            var all = JsonSerializer.SerializeToNode(item, item.GetType(), Options)!.AsObject();
            var shaped = new JsonObject();
            foreach (var name in _properties) shaped[name] = all[name]?.DeepClone();
            foreach (var (name, value) in _extras) shaped[name] = value(item);
            if (shaped.ContainsKey("ComputerName") && (string?)shaped["ComputerName"] == string.Empty) shaped["ComputerName"] = null;
            if (!shaped.ContainsKey("Status")) shaped["Status"] = _status?.Invoke(item) ?? "Succeeded";
            var failure = (string?)shaped["Status"] != "Failed" ? null
                : _failure != null ? _failure(item)
                : all["ErrorId"] is JsonNode id ? ((string)id!, (string?)all["Message"] ?? string.Empty, (string?)null) : null;
            shaped["Error"] = failure is var (errorId, message, next) ? Error(errorId, message, next, null) : null;
            return shaped;
        }

        private JsonObject Empty(string? host)
        {
            var empty = new JsonObject();
            foreach (var name in Names) empty[name] = null;
            if (empty.ContainsKey("ComputerName")) empty["ComputerName"] = host;
            return empty;
        }

        private static JsonObject Error(string? id, string? message, string? recommendedAction, string? vendorCode) => new JsonObject
        {
            ["ErrorId"] = id,
            ["Message"] = message,
            ["RecommendedAction"] = recommendedAction,
            ["VendorCode"] = vendorCode,
        };
    }
}
