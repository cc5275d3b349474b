using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace EscFirmware.Module
{
    /// <summary>
    /// Refuses the import, with the next step spelled out, when dependency isolation could not hold: an incomplete
    /// module folder, a runtime without the needed load-context support, or an assembly already in the session that
    /// the module's own references would bind to instead of its shipped copy.
    /// </summary>
    internal static class ImportGuard
    {
        private const int MinimumDotNetMajor = 8;

        /// <summary>The reason the import must stop, or null when isolation can work.</summary>
        public static string? Problem(ModuleFolder folder, bool isNetFramework, Version runtimeVersion, IEnumerable<LoadedAssembly> loaded)
        {
            return MissingFile(folder, isNetFramework)
                ?? UnsupportedRuntime(isNetFramework, runtimeVersion)
                ?? ConflictingAssembly(folder, isNetFramework, loaded);
        }

        private static string? MissingFile(ModuleFolder folder, bool isNetFramework)
        {
            foreach (var boundary in ModuleFolder.BoundaryAssemblies)
            {
                if (folder.DependencyPath(boundary) == null)
                {
                    return Incomplete(folder, Path.Combine(folder.DependencyDirectory, boundary + ".dll"));
                }
            }
            if (!isNetFramework && !File.Exists(folder.IsolationAssemblyPath)) return Incomplete(folder, folder.IsolationAssemblyPath);
            return null;
        }

        private static string Incomplete(ModuleFolder folder, string missing) =>
            "EscFirmware cannot load: its module folder '" + folder.Root + "' is incomplete ('" + missing + "' is missing). " +
            "Reinstall the module (Install-PSResource EscFirmware -Reinstall, or extract the whole EscFirmware.zip); " +
            "EscFirmware.dll needs its '" + ModuleFolder.DependencyFolderName + "' folder beside it.";

        private static string? UnsupportedRuntime(bool isNetFramework, Version runtimeVersion)
        {
            if (isNetFramework || runtimeVersion.Major >= MinimumDotNetMajor) return null;
            return "EscFirmware needs Windows PowerShell 5.1 or PowerShell 7.4 or later; this session runs on .NET " + runtimeVersion +
                ", which cannot isolate EscFirmware's dependencies. Run the command in pwsh 7.4+ (or powershell.exe 5.1); " +
                "in Azure Automation choose the PowerShell 7.4 or 5.1 runtime.";
        }

        private static string? ConflictingAssembly(ModuleFolder folder, bool isNetFramework, IEnumerable<LoadedAssembly> loaded)
        {
            var boundary = new HashSet<string>(ModuleFolder.BoundaryAssemblies, StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in loaded)
            {
                if (folder.IsDependency(assembly.Location)) continue;
                var shippedPath = folder.DependencyPath(assembly.Name);
                if (shippedPath == null) continue;
                // On PowerShell 7 only the boundary is shared with the default context; on 5.1 an assembly without a
                // strong name is bound by simple name, so a foreign copy would silently replace ours.
                var binds = boundary.Contains(assembly.Name) || (isNetFramework && !assembly.StrongNamed);
                if (!binds) continue;
                var shipped = AssemblyName.GetAssemblyName(shippedPath).Version;
                if (boundary.Contains(assembly.Name) || assembly.Version != shipped)
                {
                    return "EscFirmware cannot load beside '" + assembly.Location + "' (" + assembly.Name + " " + assembly.Version +
                        "), which this session loaded before it; EscFirmware needs its own " + assembly.Name + " " + shipped +
                        ". Start a new PowerShell session and import EscFirmware before the module that brings that file " +
                        "(or import only one EscFirmware version: Import-Module EscFirmware -RequiredVersion <version>).";
                }
            }
            return null;
        }
    }
}
