using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using EscFirmware.Core.Hpm;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>
    /// <para type="synopsis">Validates HPM.1 firmware images offline: structure, checksums, MD5 trailer, kind and version.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EscFirmwareImage")]
    [OutputType(PSTypeNames.FirmwareImage)]
    public sealed class TestEscFirmwareImageCommand : EscCmdlet
    {
        private readonly List<string> _paths = new List<string>();

        /// <summary>The image files (.hpm/.HPM); FileInfo objects bind through FullName.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Report an invalid image as an error instead of an object with IsValid false.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var path in Path) _paths.Add(GetUnresolvedProviderPathFromPSPath(path));
        }

        protected override void EndProcessing() =>
            new TestFirmwareImageOperation { Strict = Strict.IsPresent }.Run(_paths, Sink, StopToken);
    }
}
