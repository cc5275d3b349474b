using System;
using System.Collections.Generic;
using System.Reflection;

namespace EscFirmware.Module
{
    /// <summary>What the import guard needs to know about an assembly already loaded in the session.</summary>
    internal sealed class LoadedAssembly
    {
        public LoadedAssembly(string name, Version? version, bool strongNamed, string location)
        {
            Name = name;
            Version = version;
            StrongNamed = strongNamed;
            Location = location;
        }

        public string Name { get; }
        public Version? Version { get; }
        public bool StrongNamed { get; }
        public string Location { get; }

        public static IReadOnlyList<LoadedAssembly> InCurrentSession()
        {
            var loaded = new List<LoadedAssembly>();
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) continue;
                loaded.Add(From(assembly.GetName(), assembly.Location));
            }
            return loaded;
        }

        public static LoadedAssembly From(AssemblyName name, string location)
        {
            var token = name.GetPublicKeyToken();
            return new LoadedAssembly(name.Name ?? string.Empty, name.Version, token != null && token.Length > 0, location);
        }
    }
}
