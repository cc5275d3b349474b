using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Inventory;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Targets;
using EscFirmware.Core.Updates;

namespace EscFirmware.Core.Upgrades
{
    /// <summary>
    /// What a server's upgrade flashes, decided from the versions just read: the images given by hand
    /// (<see cref="ImageFlashPlanner"/>) or an upgrade path through the catalog (<see cref="Paths.PathFlashPlanner"/>).
    /// Read-only: planning never writes to a BMC; it throws a clear error when there is nothing safe to flash.
    /// </summary>
    internal interface IFlashPlanner
    {
        /// <summary>The components this run may touch (for refusals before planning, such as a wrong model).</summary>
        IReadOnlyList<(FirmwareComponent Component, string? Version)> Targets { get; }

        /// <summary>What the run flashes, for the audit trail's first record.</summary>
        string Describe();

        Task<IReadOnlyList<FlashStep>> PlanAsync(BmcTarget target, EscFirmwareVersion before, IOperationSink sink, CancellationToken cancellationToken);

        /// <summary>A step is about to write / has ended (any outcome): the path planner journals the step index here.</summary>
        void StepStarting(BmcTarget target, FlashStep step);
        void StepFinished(BmcTarget target, FlashStep step, EscFirmwareUpdateResult result);
    }
}
