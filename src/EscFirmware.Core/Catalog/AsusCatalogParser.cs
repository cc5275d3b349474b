using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using EscFirmware.Core.Updates;
using EscFirmware.Core.Versions;

namespace EscFirmware.Core.Catalog
{
    /// <summary>
    /// Reads a GetPDBIOS answer (either front-end; a local catalog file has the same shape):
    /// <c>{Status, Message, Result:{Model, Obj:[{Name, Files:[{Version, Title, Description, FileSize, ReleaseDate, IsRelease, DownloadUrl:{Global}, sha256}]}]}}</c>.
    /// Field types vary between the front-ends (numbers or strings, null or "" for no result), so the reader is lenient
    /// about types and strict about meaning.
    /// </summary>
    public static class AsusCatalogParser
    {
        public static CatalogLookup Parse(string json, string requestedModel, Uri downloadBaseUri)
        {
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
            {
                return Parse(document.RootElement, requestedModel, downloadBaseUri);
            }
        }

        /// <summary>
        /// Reads a local catalog: one GetPDBIOS answer, or a JSON array of answers (one per model), and keeps the answer
        /// whose Result.Model is the requested model (case, spaces and hyphens ignored).
        /// </summary>
        public static CatalogLookup ParseFile(string json, string requestedModel, Uri downloadBaseUri)
        {
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
            {
                var answers = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToArray() : new[] { document.RootElement };
                var models = new List<string>();
                foreach (var answer in answers)
                {
                    var result = Property(answer, "Result");
                    var model = result is JsonElement r ? Text(r, "Model") : null;
                    if (model == null) continue;
                    if (SameModel(model, requestedModel)) return Parse(answer, requestedModel, downloadBaseUri);
                    models.Add(model);
                }
                return Empty(requestedModel, $"The catalog file has no entry for '{requestedModel}'" + (models.Count == 0 ? "." : $"; it lists {string.Join(", ", models)}."));
            }
        }

        public static bool SameModel(string model, string other) => Slug(model) == Slug(other);

        public static string Slug(string model) => new string(model.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

        private static CatalogLookup Parse(JsonElement root, string requestedModel, Uri downloadBaseUri)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty(requestedModel, "The catalog answer is not a JSON object.");
            }
            var siteMessage = Text(root, "Message");
            var result = Property(root, "Result");
            if (result is null || result.Value.ValueKind != JsonValueKind.Object)
            {
                return Empty(requestedModel, $"The catalog has no firmware for '{requestedModel}'" + (string.IsNullOrEmpty(siteMessage) ? "." : $" (it answered '{siteMessage}')."));
            }
            var model = Text(result.Value, "Model");
            if (string.IsNullOrWhiteSpace(model)) model = requestedModel;
            var releases = new List<EscFirmwareRelease>();
            foreach (var group in Items(result.Value, "Obj"))
            {
                var groupName = Text(group, "Name") ?? string.Empty;
                foreach (var file in Items(group, "Files"))
                {
                    releases.Add(ReadRelease(file, model!, groupName, downloadBaseUri));
                }
            }
            if (releases.Count == 0)
            {
                return Empty(model!, $"The catalog lists no BIOS or BMC files for '{model}'.");
            }
            var newestFirst = releases.OrderByDescending(r => r.ReleaseDate ?? DateTime.MinValue).ToList();
            return new CatalogLookup(model!, newestFirst, null);
        }

        private static EscFirmwareRelease ReadRelease(JsonElement file, string model, string groupName, Uri downloadBaseUri)
        {
            var title = Text(file, "Title") ?? string.Empty;
            var size = Text(file, "FileSize");
            var downloadUrl = Property(file, "DownloadUrl");
            var release = new EscFirmwareRelease
            {
                Model = model,
                Component = IsBmc(groupName, title) ? FirmwareComponent.Bmc : FirmwareComponent.Bios,
                Version = (Text(file, "Version") ?? string.Empty).Trim(),
                Title = title.Trim(),
                ReleaseDate = DateTime.TryParseExact(Text(file, "ReleaseDate"), "yyyy/MM/dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateTime?)null,
                Size = size,
                SizeBytes = FileSizeText.ToBytes(size),
                DownloadUri = downloadUrl is JsonElement urls && urls.ValueKind == JsonValueKind.Object ? Absolute(Text(urls, "Global"), downloadBaseUri) : null,
                Sha256 = Sha256(Text(file, "sha256")),
                ReleaseNotes = HtmlText.ToText(Text(file, "Description")),
                IsRelease = Text(file, "IsRelease") is string flag ? flag != "0" && !flag.Equals("false", StringComparison.OrdinalIgnoreCase) : true,
            };
            ReadConstraints(file, release);
            return release;
        }

        /// <summary>The documented fields of the local catalog format first; the release notes' sentences where they are absent.</summary>
        private static void ReadConstraints(JsonElement file, EscFirmwareRelease release)
        {
            if (Constraint(file, "MinimumFromVersion") is string from)
            {
                release.MinimumFromVersion = from;
                release.MinimumFromVersionSource = ConstraintSource.Catalog;
            }
            if (release.Component == FirmwareComponent.Bios && Constraint(file, "MinimumBmcVersion") is string bmc)
            {
                release.MinimumBmcVersion = bmc;
                release.MinimumBmcVersionSource = ConstraintSource.Catalog;
            }
            ReleaseNoteConstraints.Apply(release);
        }

        /// <summary>A constraint field's version; one that is not a version is an error, never silently ignored.</summary>
        private static string? Constraint(JsonElement file, string name)
        {
            var text = Text(file, name)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (!FirmwareVersion.TryParse(text, out _))
            {
                throw new FormatException($"The catalog's {name} '{text}' of release {Text(file, "Version")} is not a version.");
            }
            return text;
        }

        /// <summary>ASUS lists server BMC firmware in a FIRMWARE or BMC group, or names it ASMB/BMC/IPMI; everything else is BIOS.</summary>
        private static bool IsBmc(string groupName, string title)
        {
            var group = groupName.Trim();
            if (group.Equals("FIRMWARE", StringComparison.OrdinalIgnoreCase) || group.Equals("BMC", StringComparison.OrdinalIgnoreCase)) return true;
            return new[] { "ASMB", "BMC", "IPMI" }.Any(word => title.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static Uri? Absolute(string? url, Uri downloadBaseUri)
        {
            if (string.IsNullOrWhiteSpace(url)) return null;
            var trimmed = url!.Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal)) trimmed = "https:" + trimmed;
            if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                return absolute;
            }
            return trimmed.StartsWith("/", StringComparison.Ordinal) ? new Uri(downloadBaseUri, trimmed) : null;
        }

        private static string? Sha256(string? text)
        {
            var hex = (text ?? string.Empty).Trim();
            return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex.ToLowerInvariant() : null;
        }

        private static CatalogLookup Empty(string model, string message) => new CatalogLookup(model, new EscFirmwareRelease[0], message);

        private static JsonElement? Property(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object) return null;
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            }
            return null;
        }

        private static string? Text(JsonElement element, string name)
        {
            var value = Property(element, name);
            if (value is null) return null;
            switch (value.Value.ValueKind)
            {
                case JsonValueKind.String: return value.Value.GetString();
                case JsonValueKind.Number: return value.Value.GetRawText();
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
                default: return null;
            }
        }

        private static IEnumerable<JsonElement> Items(JsonElement element, string name)
        {
            var value = Property(element, name);
            return value is JsonElement array && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToArray() : new JsonElement[0];
        }
    }
}
