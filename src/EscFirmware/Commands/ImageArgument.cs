using System;
using System.IO;
using System.Management.Automation;
using EscFirmware.Core.Hpm;
using EscFirmware.Core.Operations;

namespace EscFirmware.Commands
{
    /// <summary>The file behind an image argument: a path, a FileInfo, or an image from Test-EscFirmwareImage / Save-EscFirmwarePackage.</summary>
    internal static class ImageArgument
    {
        /// <summary>The image's file-system path; <paramref name="resolve"/> turns a PowerShell path into one.</summary>
        public static string PathOf(object image, Func<string, string> resolve)
        {
            switch (image is PSObject wrapped ? wrapped.BaseObject : image)
            {
                case EscFirmwareImage validated: return validated.Path;
                case FileInfo file: return file.FullName;
                case string path: return resolve(path);
                default:
                    throw new EscFirmwareException("EscImageArgumentInvalid", ErrorKind.InvalidArgument,
                        "An image is a path, a FileInfo or an image from Test-EscFirmwareImage, not a " + image.GetType().Name + ".",
                        recommendedAction: "Pass the .hpm file's path or the output of Test-EscFirmwareImage.");
            }
        }
    }
}
