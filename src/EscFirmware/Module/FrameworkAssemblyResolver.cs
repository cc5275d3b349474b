using System;
using System.Reflection;

namespace EscFirmware.Module
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework, one AppDomain, no load contexts): answers AppDomain.AssemblyResolve
    /// only for requests made by EscFirmware's own assemblies and only with files from dependencies/. Requests from
    /// other modules (Az.Accounts asking for its System.Text.Json) are left alone, and strong-named versions we ship
    /// load side by side with theirs instead of replacing them.
    /// </summary>
    internal sealed class FrameworkAssemblyResolver
    {
        private readonly ModuleFolder _folder;
        private readonly Assembly _moduleAssembly;

        public FrameworkAssemblyResolver(ModuleFolder folder, Assembly moduleAssembly)
        {
            _folder = folder;
            _moduleAssembly = moduleAssembly;
        }

        public static Action Install(ModuleFolder folder)
        {
            var resolver = new FrameworkAssemblyResolver(folder, typeof(FrameworkAssemblyResolver).Assembly);
            ResolveEventHandler handler = resolver.Resolve;
            AppDomain.CurrentDomain.AssemblyResolve += handler;
            return () => AppDomain.CurrentDomain.AssemblyResolve -= handler;
        }

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requester = args.RequestingAssembly;
            if (requester == null || requester.IsDynamic) return null;
            var path = PathFor(new AssemblyName(args.Name), requester == _moduleAssembly ? null : requester.Location);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The file that answers a request, or null to let other handlers answer. <paramref name="requesterLocation"/>
        /// is null when the module assembly itself asks.
        /// </summary>
        public string? PathFor(AssemblyName requested, string? requesterLocation)
        {
            if (requesterLocation != null && !_folder.IsDependency(requesterLocation)) return null;
            var path = _folder.DependencyPath(requested.Name);
            if (path == null) return null;
            var shipped = AssemblyName.GetAssemblyName(path).Version;
            return requested.Version == null || (shipped != null && shipped >= requested.Version) ? path : null;
        }
    }
}
