using System;
using System.Management.Automation;
using EscFirmware.Core.Ilo;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Queues an update task (ApplyUpdate of a repository component, or Wait) in the iLO Update Task Queue, optionally in a maintenance window, and can watch it to the end.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EscUpdateTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = WindowSet)]
    [OutputType(PSTypeNames.UpdateTask)]
    public sealed class NewEscUpdateTaskCommand : EscIloCmdlet
    {
        private const string WindowSet = "MaintenanceWindow";
        private const string TimeSet = "TimeRange";

        /// <summary>A name unique in the queue (the iLO derives the task's URI from it).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The repository component to apply (its file name); not for -Command Wait.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Filename { get; set; }

        /// <summary>ApplyUpdate (default) or Wait.</summary>
        [Parameter]
        [ValidateSet("ApplyUpdate", "Wait")]
        public string Command { get; set; } = "ApplyUpdate";

        /// <summary>Which updater may run it: Bmc (the iLO itself, default), Uefi (at the next POST), RuntimeAgent (SUM/SUT).</summary>
        [Parameter]
        [ValidateSet("Bmc", "Uefi", "RuntimeAgent")]
        public string[] UpdatableBy { get; set; } = { "Bmc" };

        /// <summary>The Id of a maintenance window (New-EscMaintenanceWindow) the task waits for.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        [ValidateNotNullOrEmpty]
        public string? MaintenanceWindow { get; set; }

        /// <summary>Earliest start, on the iLO's clock.</summary>
        [Parameter(ParameterSetName = TimeSet)]
        public DateTime? StartAfter { get; set; }

        /// <summary>After this the task is never run (state Expired), on the iLO's clock.</summary>
        [Parameter(ParameterSetName = TimeSet)]
        public DateTime? Expire { get; set; }

        /// <summary>For -Command Wait: seconds to wait (0-3600).</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int WaitTimeSeconds { get; set; }

        /// <summary>Set when a TPM is in use (HPE requires it then).</summary>
        [Parameter]
        public SwitchParameter TpmOverride { get; set; }

        /// <summary>Watch the task until it ends or the queue stalls, bounded by -TaskTimeoutSec.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait watches, in seconds.</summary>
        [Parameter]
        [ValidateRange(10, 604800)]
        public int TaskTimeoutSec { get; set; } = 7200;

        internal override void Run(CmdletRun run)
        {
            if (Command == "ApplyUpdate" && Filename == null)
            {
                ThrowTerminatingError(ErrorRecords.From(new Core.Operations.EscFirmwareException("EscMissingArgument", Core.Operations.ErrorKind.InvalidArgument,
                    "An ApplyUpdate task needs -Filename (a component in the iLO Repository).", recommendedAction: "Get-EscRepositoryComponent lists them."), Name));
            }
            var task = new UpdateTaskRequest
            {
                Name = Name,
                Command = Command,
                Filename = Filename,
                UpdatableBy = UpdatableBy,
                MaintenanceWindow = MaintenanceWindow,
                StartAfter = Time(StartAfter),
                Expire = Time(Expire),
                WaitTimeSeconds = WaitTimeSeconds,
                TpmOverride = TpmOverride.IsPresent,
                Wait = Wait.IsPresent,
            };
            TaskQueueOperations.New(run.Request, IloSettings.FromSeconds(PollIntervalSec, 1800, TaskTimeoutSec), task, run.Sink, run.Stop);
        }
    }
}
