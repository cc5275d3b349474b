using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using EscFirmware.Core.Redfish;

namespace EscFirmware.Core.Ilo
{
    /// <summary>The iLO's resources as the cmdlets' output objects.</summary>
    internal static class IloRead
    {
        public static EscRepositoryComponent Component(string host, RedfishResource r) => new EscRepositoryComponent
        {
            ComputerName = host,
            Id = r.GetString("Id"),
            Name = r.GetString("Name"),
            Filename = r.GetString("Filename"),
            Version = r.GetString("Version"),
            SizeBytes = r.At("SizeBytes") is JsonElement s && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : (long?)null,
            Locked = Bool(r, "Locked"),
            Activates = r.GetString("Activates"),
            Created = r.GetString("Created"),
            Uri = r.Path,
        };

        public static EscUpdateTask Task(string host, RedfishResource r) => new EscUpdateTask
        {
            ComputerName = host,
            Id = r.GetString("Id"),
            Name = r.GetString("Name"),
            Command = r.GetString("Command"),
            Filename = r.GetString("Filename"),
            UpdatableBy = Strings(r, "UpdatableBy").Length > 0 ? Strings(r, "UpdatableBy") : Strings(r, "UpdateableBy"),
            State = r.GetString("State"),
            MaintenanceWindow = r.GetString("MaintenanceWindow"),
            StartAfter = r.GetString("StartAfter"),
            Expire = r.GetString("Expire"),
            Result = r.At("Result") is JsonElement result ? RedfishResource.GetStringAt(result, "MessageId") : null,
            Uri = r.Path,
        };

        public static EscMaintenanceWindow Window(string host, RedfishResource r) => new EscMaintenanceWindow
        {
            ComputerName = host,
            Id = r.GetString("Id"),
            Name = r.GetString("Name"),
            StartAfter = Time(r.GetString("StartAfter")),
            Expire = Time(r.GetString("Expire")),
            Uri = r.Path,
        };

        public static EscInstallSet InstallSet(string host, RedfishResource r) => new EscInstallSet
        {
            ComputerName = host,
            Id = r.GetString("Id"),
            Name = r.GetString("Name"),
            IsRecovery = Bool(r, "IsRecovery") == true,
            Sequence = r.At("Sequence") is JsonElement seq && seq.ValueKind == JsonValueKind.Array
                ? seq.EnumerateArray().Select(i => RedfishResource.GetStringAt(i, "Name") + ": " + RedfishResource.GetStringAt(i, "Command")
                    + (RedfishResource.GetStringAt(i, "Filename") is string f ? " " + f : string.Empty)).ToArray()
                : new string[0],
            Uri = r.Path,
        };

        /// <summary>ISO 8601 as the iLO wants it: UTC, whole seconds.</summary>
        public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        private static DateTimeOffset? Time(string? text) =>
            text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTimeOffset?)null;

        private static bool? Bool(RedfishResource r, string name) =>
            r.At(name) is JsonElement b && (b.ValueKind == JsonValueKind.True || b.ValueKind == JsonValueKind.False) ? b.GetBoolean() : (bool?)null;

        private static string[] Strings(RedfishResource r, string name) =>
            r.At(name) is JsonElement a && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray() : new string[0];
    }
}
