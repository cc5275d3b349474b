using System;
using System.Threading;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Updates.Bmc
{
    /// <summary>The image, read and validated once per run (streamed), or why it cannot be used; shared by every host.</summary>
    internal sealed class ImageCheck
    {
        private readonly EscFirmwareException? _problem;

        private ImageCheck(EscFirmwareImage? image, EscFirmwareException? problem)
        {
            Image = image;
            _problem = problem;
        }

        public EscFirmwareImage? Image { get; }

        /// <param name="force">-Force: flash an image whose descriptions contradict its masks.</param>
        public static ImageCheck Read(string path, bool force, CancellationToken cancellationToken)
        {
            EscFirmwareImage image;
            try
            {
                image = HpmImageReader.Read(path, new HpmReadOptions(), cancellationToken);
            }
            catch (EscFirmwareException unreadable)
            {
                return new ImageCheck(null, unreadable);
            }
            if (!image.IsValid)
            {
                var invalid = TestFirmwareImageOperation.InvalidImage(image);
                return new ImageCheck(image, new EscFirmwareException(invalid.ErrorId, invalid.Kind, invalid.Problem, recommendedAction: invalid.NextStep));
            }
            if (image.Kind != Updates.FirmwareComponent.Bmc || string.IsNullOrEmpty(image.Version))
            {
                return new ImageCheck(image, new EscFirmwareException("EscImageNotBmc", ErrorKind.InvalidArgument,
                    "'" + image.Path + "' is " + (image.Kind == null ? "not recognisably a BMC or BIOS image" : "a " + image.Kind + " image") + " (" + string.Join(", ", image.Components) + "), not a BMC image."
                    + (image.Note == null ? string.Empty : " " + image.Note),
                    recommendedAction: Phrase.Of($"Use the ASMB .hpm from the BMC package; BIOS images go to {EscCommand.InvokeBiosUpdate}.")));
            }
            return new ImageCheck(image, TestFirmwareImageOperation.Contradicted(image, force));
        }

        public void ThrowIfUnusable()
        {
            if (_problem != null) throw new EscFirmwareException(_problem.ErrorId, _problem.Kind, _problem.Problem, _problem.VendorCode, _problem.NextStep);
            if (Image == null) throw new InvalidOperationException("No image was read.");
        }
    }
}
