using System;
using System.Collections.Generic;
using System.Management.Automation;
using EscFirmware.Core.Catalog;
using EscFirmware.Core.Updates;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Finds the newest BMC and BIOS releases for an ASUS server model in the ASUS catalog or a local catalog file.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "EscFirmware")]
    [OutputType(PSTypeNames.Release)]
    public sealed class FindEscFirmwareCommand : CatalogCmdlet
    {
        private readonly List<string> _models = new List<string>();

        /// <summary>The model as ASUS spells it, e.g. ESC8000-E12P (case, spaces and hyphens do not matter).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Model { get; set; } = new string[0];

        /// <summary>Only BMC or only BIOS releases.</summary>
        [Parameter]
        [ValidateSet("Bmc", "Bios")]
        public string? Component { get; set; }

        /// <summary>Every entry, older and unreleased ones included, instead of the newest release per component.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord() => _models.AddRange(Model);

        protected override void EndProcessing()
        {
            // Strings, not the Core enums, so PowerShell can read this class before the module's isolation hook exists.
            var component = Component == null ? (FirmwareComponent?)null : (FirmwareComponent)Enum.Parse(typeof(FirmwareComponent), Component, ignoreCase: true);
            using (var http = CreateCatalogClient())
            {
                new FindFirmwareOperation(http, CatalogArguments.Settings(Api, CatalogUri)) { Component = component, All = All.IsPresent, CatalogPath = ResolvedCatalogPath }.Run(_models, Sink, StopToken);
            }
        }
    }
}
