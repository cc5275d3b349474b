using System;

namespace EscFirmware.Core.Ilo
{
    /// <summary>A component in an iLO Repository: the output of Get-/Add-EscRepositoryComponent.</summary>
    public sealed class EscRepositoryComponent
    {
        public string ComputerName { get; set; } = string.Empty;
        public string? Id { get; set; }
        public string? Name { get; set; }
        /// <summary>The repository's key: a new upload with the same file name replaces it (unless Locked).</summary>
        public string? Filename { get; set; }
        public string? Version { get; set; }
        public long? SizeBytes { get; set; }
        /// <summary>Referenced by a task or an install set: cannot be replaced or removed.</summary>
        public bool? Locked { get; set; }
        public string? Activates { get; set; }
        public string? Created { get; set; }
        public string Uri { get; set; } = string.Empty;
    }

    /// <summary>An item of the iLO Update Task Queue: the output of Get-/New-EscUpdateTask.</summary>
    public sealed class EscUpdateTask
    {
        public string ComputerName { get; set; } = string.Empty;
        public string? Id { get; set; }
        public string? Name { get; set; }
        /// <summary>ApplyUpdate or Wait.</summary>
        public string? Command { get; set; }
        public string? Filename { get; set; }
        public string[] UpdatableBy { get; set; } = new string[0];
        /// <summary>Pending, InProgress, Complete, Expired, Exception, Canceled.</summary>
        public string? State { get; set; }
        /// <summary>True when this task holds up the queue behind it (InProgress for long, Expired, Exception).</summary>
        public bool Stalls { get; set; }
        public string? MaintenanceWindow { get; set; }
        public string? StartAfter { get; set; }
        public string? Expire { get; set; }
        public string? Result { get; set; }
        public string Uri { get; set; } = string.Empty;
    }

    /// <summary>An iLO maintenance window: the output of New-EscMaintenanceWindow.</summary>
    public sealed class EscMaintenanceWindow
    {
        public string ComputerName { get; set; } = string.Empty;
        /// <summary>What tasks and install-set invocations refer to (iLO derives it from the name).</summary>
        public string? Id { get; set; }
        public string? Name { get; set; }
        public DateTimeOffset? StartAfter { get; set; }
        public DateTimeOffset? Expire { get; set; }
        public string Uri { get; set; } = string.Empty;
    }

    /// <summary>An iLO install set: the output of Get-/New-/Invoke-EscInstallSet.</summary>
    public sealed class EscInstallSet
    {
        public string ComputerName { get; set; } = string.Empty;
        public string? Id { get; set; }
        public string? Name { get; set; }
        public bool IsRecovery { get; set; }
        /// <summary>The sequence as "Name: Command Filename" lines, in order.</summary>
        public string[] Sequence { get; set; } = new string[0];
        public string Uri { get; set; } = string.Empty;
    }
}
