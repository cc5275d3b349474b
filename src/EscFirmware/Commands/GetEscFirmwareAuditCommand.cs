using System;
using System.Management.Automation;
using EscFirmware.Core.Audit;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads the firmware audit log back as objects, filtered by server, time window, status or run.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EscFirmwareAudit")]
    [OutputType(PSTypeNames.AuditRecord)]
    public sealed class GetEscFirmwareAuditCommand : EscCmdlet
    {
        /// <summary>The audit log (JSON Lines). Default: audit.jsonl in the EscFirmware state folder.</summary>
        [Parameter]
        [Alias("Path")]
        public string? AuditPath { get; set; }

        /// <summary>Only records about these servers; wildcards * and ? allowed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName", "BmcAddress")]
        [SupportsWildcards]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>Only records written at or after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only records written at or before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <summary>Only records with these statuses (Succeeded, Skipped, Failed, WhatIf, Stopped).</summary>
        [Parameter]
        public string[] Status { get; set; } = Array.Empty<string>();

        /// <summary>Only the records of one run.</summary>
        [Parameter]
        public string? RunId { get; set; }

        protected override void EndProcessing()
        {
            var query = new AuditQuery
            {
                ComputerNames = ComputerName,
                After = After.HasValue ? new DateTimeOffset(After.Value) : (DateTimeOffset?)null,
                Before = Before.HasValue ? new DateTimeOffset(Before.Value) : (DateTimeOffset?)null,
                Statuses = Status,
                RunId = RunId,
            };
            var path = string.IsNullOrEmpty(AuditPath) ? null : GetUnresolvedProviderPathFromPSPath(AuditPath);
            new ReadAuditOperation(path, query).Run(Sink, StopToken);
        }
    }
}
