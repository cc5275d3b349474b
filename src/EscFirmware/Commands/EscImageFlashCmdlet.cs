using System;
using System.Management.Automation;
using EscFirmware.Core.Operations;
using EscFirmware.Output;

namespace EscFirmware.Commands
{
    /// <summary>A flashing cmdlet that takes exactly one image per run: -Path, or -Image from the pipeline.</summary>
    public abstract class EscImageFlashCmdlet : EscFlashCmdlet
    {
        protected const string PathSet = "Path";
        protected const string ImageSet = "Image";
        private string? _imagePath;

        /// <summary>The image file (.hpm / .HPM).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>An image from Test-EscFirmwareImage or Save-EscFirmwarePackage; its file is validated again.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ImageSet)]
        [PSTypeName(PSTypeNames.FirmwareImage)]
        [ValidateNotNull]
        public PSObject? Image { get; set; }

        /// <summary>The one image of this run, resolved to a file-system path.</summary>
        protected string ImagePath => _imagePath ?? string.Empty;

        protected override void ProcessRecord()
        {
            string path;
            try
            {
                path = ImageArgument.PathOf(ParameterSetName == ImageSet ? Image! : (object)Path, GetUnresolvedProviderPathFromPSPath);
            }
            catch (EscFirmwareException invalid)
            {
                ThrowTerminatingError(ErrorRecords.From(invalid, Image));
                return;
            }
            if (_imagePath != null && !string.Equals(_imagePath, path, StringComparison.Ordinal))
            {
                // Stopping is safer than guessing which of two images the caller meant to flash.
                ThrowTerminatingError(ErrorRecords.From(new EscFirmwareException("EscOneImagePerRun", ErrorKind.InvalidArgument,
                    "One image per run: got '" + _imagePath + "' and '" + path + "'.",
                    recommendedAction: "Run " + MyInvocation.MyCommand.Name + " once per image."), path));
            }
            _imagePath = path;
            base.ProcessRecord();
        }
    }
}
