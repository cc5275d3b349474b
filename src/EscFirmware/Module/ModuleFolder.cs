using System;
using System.IO;

namespace EscFirmware.Module
{
    /// <summary>
    /// The installed module's layout (docs/dependency-isolation.md): EscFirmware.dll and the PowerShell 7 loader in the
    /// root, EscFirmware.Core and every third-party assembly in dependencies/, where neither PowerShell's nor .NET's
    /// probing looks, so they can only be reached through the isolation hooks.
    /// </summary>
    internal sealed class ModuleFolder
    {
        public const string DependencyFolderName = "dependencies";
        public const string IsolationAssemblyFileName = "EscFirmware.Isolation.dll";

        /// <summary>The only assemblies EscFirmware.dll references besides netstandard and PowerShell.</summary>
        public static readonly string[] BoundaryAssemblies = { "EscFirmware.Core" };

        public ModuleFolder(string root)
        {
            Root = Path.GetFullPath(root);
            DependencyDirectory = Path.Combine(Root, DependencyFolderName);
            IsolationAssemblyPath = Path.Combine(Root, IsolationAssemblyFileName);
        }

        public static ModuleFolder OfModuleAssembly() =>
            new ModuleFolder(Path.GetDirectoryName(typeof(ModuleFolder).Assembly.Location) ?? Environment.CurrentDirectory);

        public string Root { get; }
        public string DependencyDirectory { get; }
        public string IsolationAssemblyPath { get; }

        /// <summary>The shipped file for an assembly name, or null when the module does not ship it.</summary>
        public string? DependencyPath(string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName)) return null;
            var path = Path.Combine(DependencyDirectory, simpleName + ".dll");
            return File.Exists(path) ? path : null;
        }

        /// <summary>Whether a loaded assembly's file is one of the module's dependencies.</summary>
        public bool IsDependency(string? location) =>
            !string.IsNullOrEmpty(location) &&
            string.Equals(Path.GetDirectoryName(Path.GetFullPath(location)), DependencyDirectory, StringComparison.OrdinalIgnoreCase);
    }
}
