using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.Loader;

namespace EscFirmware.Isolation
{
    /// <summary>
    /// Connects the module assembly (in PowerShell's default context) to the private context: the default context
    /// asks here only for the module's boundary assemblies (EscFirmware.Core); their own references then resolve
    /// inside the private context, never against whatever other modules loaded.
    /// Called by reflection from EscFirmware.dll (netstandard2.0), hence the plain string signatures.
    /// </summary>
    public static class ModuleIsolation
    {
        private static readonly object Gate = new object();
        private static ModuleLoadContext? _context;
        private static HashSet<string>? _boundary;
        private static bool _hooked;

        /// <summary>Idempotent; after Remove-Module and a new import it hooks the same context again.</summary>
        public static void Install(string dependencyDirectory, string[] boundaryAssemblies)
        {
            lock (Gate)
            {
                if (_context == null)
                {
                    _context = new ModuleLoadContext(dependencyDirectory, isCollectible: false);
                    _boundary = new HashSet<string>(boundaryAssemblies, StringComparer.OrdinalIgnoreCase);
                }
                if (_hooked) return;
                AssemblyLoadContext.Default.Resolving += ResolveBoundary;
                _hooked = true;
            }
        }

        public static void Uninstall()
        {
            lock (Gate)
            {
                AssemblyLoadContext.Default.Resolving -= ResolveBoundary;
                _hooked = false;
                // The context stays alive: types already handed to PowerShell keep pointing into it.
            }
        }

        private static Assembly? ResolveBoundary(AssemblyLoadContext requester, AssemblyName name)
        {
            var context = _context;
            var boundary = _boundary;
            if (context == null || boundary == null || name.Name == null || !boundary.Contains(name.Name)) return null;
            return context.PathOf(name) == null ? null : context.LoadFromAssemblyName(name);
        }
    }
}
