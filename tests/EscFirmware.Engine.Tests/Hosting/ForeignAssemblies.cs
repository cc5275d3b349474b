using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>
    /// Other versions of the module's own dependencies (RestSharp 112.1.0, Polly.Core 8.5.2), loaded into the default
    /// load context and used before the module is imported, the way Az.Accounts or another module would have left the
    /// session. Every hosted engine in this process starts after them.
    /// </summary>
    internal static class ForeignAssemblies
    {
        private static readonly Lazy<Assembly[]> Loaded = new Lazy<Assembly[]>(LoadAndUse);

        public static Assembly RestSharp => Loaded.Value[0];
        public static Assembly PollyCore => Loaded.Value[1];

        /// <summary>Idempotent; called before any engine imports the module.</summary>
        public static void EnsureLoaded() => _ = Loaded.Value;

        private static Assembly[] LoadAndUse()
        {
            var restSharp = AssemblyLoadContext.Default.LoadFromAssemblyPath(BuiltModule.Metadata("ForeignRestSharp"));
            var polly = AssemblyLoadContext.Default.LoadFromAssemblyPath(BuiltModule.Metadata("ForeignPollyCore"));
            // Use them, so their own dependencies are resolved in the default context too.
            var client = restSharp.GetType("RestSharp.RestClient", throwOnError: true)!.GetConstructors()
                .First(c => c.GetParameters().FirstOrDefault()?.ParameterType == typeof(Uri));
            var arguments = client.GetParameters().Select((p, i) => i == 0 ? new Uri("http://127.0.0.1/") : p.DefaultValue).ToArray();
            using (client.Invoke(arguments) as IDisposable) { }
            var builder = Activator.CreateInstance(polly.GetType("Polly.ResiliencePipelineBuilder", throwOnError: true)!)!;
            builder.GetType().GetMethods().Single(m => m.Name == "Build" && m.GetParameters().Length == 0).Invoke(builder, null);
            return new[] { restSharp, polly };
        }
    }
}
