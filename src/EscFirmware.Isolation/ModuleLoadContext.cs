using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EscFirmware.Isolation
{
    /// <summary>
    /// The private load context for everything behind the cmdlets: EscFirmware.Core, RestSharp, Polly and their
    /// dependencies, all loaded from the module's dependencies folder. Anything not shipped there (the framework's
    /// own assemblies) falls through to the default context, so only what we ship is private.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyDirectory;

        public ModuleLoadContext(string dependencyDirectory, bool isCollectible)
            : base("EscFirmware", isCollectible)
        {
            _dependencyDirectory = dependencyDirectory;
        }

        public string DependencyDirectory => _dependencyDirectory;

        /// <summary>The path this context loads the assembly from, or null when it is not one of the module's.</summary>
        public string? PathOf(AssemblyName assemblyName)
        {
            if (string.IsNullOrEmpty(assemblyName.Name)) return null;
            var path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? path : null;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = PathOf(assemblyName);
            return path == null ? null : LoadFromAssemblyPath(path);
        }
    }
}
