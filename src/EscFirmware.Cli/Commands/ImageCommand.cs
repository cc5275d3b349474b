using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using EscFirmware.Cli.Output;
using EscFirmware.Core.Hpm;

namespace EscFirmware.Cli.Commands
{
    /// <summary><c>escfw image test PATH...</c>: the twin of Test-EscFirmwareImage. Exit code 1 when any image is invalid.</summary>
    internal static class ImageCommand
    {
        /// <summary>The user-facing fields of an image; Failed (with the problems as the error) when an update would refuse it.</summary>
        public static readonly VerbOutput Output = new VerbOutput(
            new JsonShape(new[] { "Path", "Kind", "Version", "IsValid", "Components", "Size", "Sha256", "Md5", "Problems", "Contradictions", "Note" },
                status: item => item is EscFirmwareImage image && (!image.IsValid || image.Contradictions.Length > 0) ? "Failed" : null,
                failure: item => item is EscFirmwareImage image
                    ? image.IsValid
                        ? ("EscImageContradiction", string.Join(" ", image.Contradictions), "Get the image again from the vendor's package, or flash it anyway with --force if you know it is right.")
                        : ("EscInvalidFirmwareImage", string.Join(" ", image.Problems), "Download the package again (escfw package save) and use the .hpm/.HPM file it extracts.")
                    : null),
            new[] { "Kind", "Version", "IsValid", "Components", "Size", "Path", "Status" });

        public static Command Create(CliContext context)
        {
            var paths = new Argument<string[]>("path") { Description = "The image files (.hpm/.HPM).", Arity = ArgumentArity.OneOrMore };
            var strict = new Option<bool>("--strict") { Description = "Report an invalid image as an error instead of a result." };
            var json = new Option<bool>("--json") { Description = "Print one JSON array with an object per image." };
            var test = new Command("test", "Validate HPM.1 images offline: structure, checksums, MD5 trailer, kind and version (Test-EscFirmwareImage).");
            test.Arguments.Add(paths);
            test.Options.Add(strict);
            test.Options.Add(json);
            test.SetAction((parse, cancellationToken) =>
            {
                var sink = new CliSink(context, parse.GetValue(GlobalOptions.Verbose));
                new TestFirmwareImageOperation { Strict = parse.GetValue(strict) }.Run(parse.GetValue(paths)!, sink, cancellationToken);
                Output.Write(context, sink, parse.GetValue(json));
                if (!parse.GetValue(json))
                {
                    foreach (var image in sink.Objects.OfType<EscFirmwareImage>())
                    {
                        if (!image.IsValid) WriteList(context, "INVALID " + image.Path + ":", image.Problems);
                        if (image.Contradictions.Length > 0) WriteList(context, "CONTRADICTS ITSELF (not flashed without --force) " + image.Path + ":", image.Contradictions);
                        if (image.Note != null) context.Error.WriteLine("NOTE " + image.Path + ": " + image.Note);
                    }
                }
                // 1 for any image an update would refuse: invalid, or contradicting itself.
                var anyInvalid = sink.Objects.OfType<EscFirmwareImage>().Any(i => !i.IsValid || i.Contradictions.Length > 0);
                return Task.FromResult(anyInvalid ? ExitCodes.SomeTargetFailed : sink.ExitCode);
            });
            var image = new Command("image", "Work with firmware image files.");
            image.Subcommands.Add(test);
            return image;
        }

        private static void WriteList(CliContext context, string heading, string[] lines)
        {
            context.Error.WriteLine(heading);
            foreach (var line in lines) context.Error.WriteLine("  - " + line);
        }
    }
}
