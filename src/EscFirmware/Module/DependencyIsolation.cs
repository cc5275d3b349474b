using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EscFirmware.Module
{
    /// <summary>Installs the edition's isolation hook (docs/dependency-isolation.md) and removes it again.</summary>
    internal static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static Action? _uninstall;

        public static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static void Install(ModuleFolder folder)
        {
            lock (Gate)
            {
                if (_uninstall != null) return;
                var problem = ImportGuard.Problem(folder, IsNetFramework, Environment.Version, LoadedAssembly.InCurrentSession());
                if (problem != null) throw new InvalidOperationException(problem);
                _uninstall = IsNetFramework ? FrameworkAssemblyResolver.Install(folder) : InstallLoadContext(folder);
            }
        }

        public static void Uninstall()
        {
            lock (Gate)
            {
                _uninstall?.Invoke();
                _uninstall = null;
            }
        }

        private static Action InstallLoadContext(ModuleFolder folder)
        {
            var isolation = Assembly.LoadFrom(folder.IsolationAssemblyPath).GetType("EscFirmware.Isolation.ModuleIsolation", throwOnError: true)!;
            var install = isolation.GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
            var uninstall = isolation.GetMethod("Uninstall", BindingFlags.Public | BindingFlags.Static)!;
            try
            {
                install.Invoke(null, new object[] { folder.DependencyDirectory, ModuleFolder.BoundaryAssemblies });
            }
            catch (TargetInvocationException failed) when (failed.InnerException != null)
            {
                throw new InvalidOperationException(
                    "EscFirmware could not set up its private assembly load context: " + failed.InnerException.Message +
                    " Start a new PowerShell 7.4+ session and import EscFirmware again.", failed.InnerException);
            }
            return () => uninstall.Invoke(null, null);
        }
    }
}
