using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Wording;

namespace EscFirmware.Core.Hpm
{
    /// <summary>Test-EscFirmwareImage: one <see cref="EscFirmwareImage"/> per path, in order.</summary>
    public sealed class TestFirmwareImageOperation
    {
        /// <summary>Write an error instead of the result for an invalid image (the first pre-flight step of every update).</summary>
        public bool Strict { get; set; }
        public HpmReadOptions ReadOptions { get; set; } = new HpmReadOptions();

        public void Run(IReadOnlyList<string> paths, IOperationSink sink, CancellationToken cancellationToken) =>
            FleetRunner.Run(paths, 1, path => path, (path, worker, token) => Task.Run(() => TestOne(path, worker, token), token), sink, cancellationToken);

        public void TestOne(string path, IOperationSink sink, CancellationToken cancellationToken)
        {
            sink.WriteVerbose($"Validating '{path}'.");
            var image = HpmImageReader.Read(path, ReadOptions, cancellationToken);
            if (image.Sha256.Length > 0) sink.WriteVerbose($"'{image.Path}': SHA-256 {image.Sha256}, {image.Size:N0} bytes.");
            if (Strict && !image.IsValid)
            {
                sink.WriteError(InvalidImage(image));
                return;
            }
            sink.WriteObject(image);
        }

        public static OperationError InvalidImage(EscFirmwareImage image) =>
            new OperationError("EscInvalidFirmwareImage", ErrorKind.InvalidData,
                $"'{image.Path}' is not a valid HPM.1 image: " + string.Join(" ", image.Problems),
                image.Path,
                recommendedAction: Phrase.Of($"Download the package again ({EscCommand.SaveFirmwarePackage}) and use the .hpm/.HPM file it extracts, not the .CAP."));

        /// <summary>The refusal of an image whose descriptions contradict its masks, unless the user forces it; null when there is none.</summary>
        public static EscFirmwareException? Contradicted(EscFirmwareImage image, bool force) =>
            image.Contradictions.Length == 0 || force ? null
            : new EscFirmwareException("EscImageContradiction", ErrorKind.InvalidData,
                $"'{image.Path}' contradicts itself, so it is not flashed: " + string.Join(" ", image.Contradictions),
                recommendedAction: Phrase.Of($"Get the image again from the vendor's package; if you know the image is right despite its description, run again with {EscParameter.Force}."));
    }
}
