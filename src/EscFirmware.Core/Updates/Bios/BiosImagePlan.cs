using System.Linq;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bios
{
    /// <summary>What a validated BIOS image contributes to the wizard: the component, its data slice, its version.</summary>
    public sealed class BiosImagePlan
    {
        /// <summary>IANA enterprise number of ASUSTeK.</summary>
        public const int AsusManufacturerId = 2623;

        private BiosImagePlan(EscFirmwareImage image, HpmUploadRecord upload, int componentId)
        {
            Image = image;
            Upload = upload;
            ComponentId = componentId;
        }

        public EscFirmwareImage Image { get; }
        public HpmUploadRecord Upload { get; }

        /// <summary>The wizard's COMPONENT_ID: 4 for the ASUS OEM capsule (mask 0x10), 2 for a stock BIOS (0x04).</summary>
        public int ComponentId { get; }

        public string Version => Image.Version ?? string.Empty;

        /// <summary>Reads and validates the image (streamed); throws a clear error for anything that is not one BIOS component.</summary>
        /// <param name="force">-Force: flash an image whose descriptions contradict its masks.</param>
        public static BiosImagePlan Read(string path, bool force, System.Threading.CancellationToken cancellationToken)
        {
            var image = HpmImageReader.Read(path, null, cancellationToken);
            if (!image.IsValid)
            {
                var invalid = TestFirmwareImageOperation.InvalidImage(image);
                throw new EscFirmwareException(invalid.ErrorId, invalid.Kind, invalid.Problem, recommendedAction: invalid.NextStep);
            }
            if (image.Kind != Updates.FirmwareComponent.Bios)
            {
                throw NotABiosImage(path, string.Join(", ", image.Components), image.Note);
            }
            var contradicted = TestFirmwareImageOperation.Contradicted(image, force);
            if (contradicted != null) throw contradicted;
            var uploads = image.Uploads.Where(u => u.Component != null && u.Component.IsBiosPart && u.Component.WizardComponentId.HasValue).ToList();
            if (uploads.Count != 1 || HpmWizardClient.UploadOf(uploads[0].Component!.WizardComponentId!.Value) == null)
            {
                throw ComponentUnknown(path, string.Join(", ", image.Components));
            }
            return new BiosImagePlan(image, uploads[0], uploads[0].Component!.WizardComponentId!.Value);
        }

        private static EscFirmwareException NotABiosImage(string path, string components, string? note) =>
            new EscFirmwareException("EscNotABiosImage", ErrorKind.InvalidArgument,
                "'" + path + "' is not a BIOS image (it carries " + components + ")." + (note == null ? string.Empty : " " + note),
                recommendedAction: Phrase.Of($"Use the BIOS .HPM from the BIOS package (for example Z14PG-D32-ASUS-0804.HPM); BMC images go to {EscCommand.InvokeBmcUpdate}."));

        private static EscFirmwareException ComponentUnknown(string path, string components) =>
            new EscFirmwareException("EscBiosComponentUnknown", ErrorKind.InvalidArgument,
                "'" + path + "' does not carry exactly one BIOS component the HPM wizard knows (found " + components + ").",
                recommendedAction: "Use the board's BIOS .HPM as ASUS ships it.");
    }
}
