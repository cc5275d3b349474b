using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>
    /// The PowerShell 7 half of docs/dependency-isolation.md, with the shipped EscFirmware.Isolation.dll: the test host
    /// already holds its own RestSharp, Polly, EscFirmware.Core and the framework's System.Text.Json (the part Az.Accounts
    /// plays in a runbook), and the module's context still gets every assembly from the module folder.
    /// </summary>
    public sealed class DependencyIsolationTests
    {
        [Fact]
        public void The_module_context_loads_its_dependency_closure_from_the_module_folder_beside_other_copies()
        {
            var hostCopies = new[] { typeof(System.Text.Json.JsonDocument), typeof(RestSharp.RestClient), typeof(Polly.ResiliencePipeline), typeof(EscFirmware.Core.Inventory.EscFirmwareVersion) };
            var loader = new AssemblyLoadContext("isolation-loader", isCollectible: true);
            var moduleContext = (AssemblyLoadContext)Activator.CreateInstance(
                loader.LoadFromAssemblyPath(BuiltModule.IsolationAssemblyPath).GetType("EscFirmware.Isolation.ModuleLoadContext", throwOnError: true)!,
                BuiltModule.DependencyDirectory, true)!;
            try
            {
                foreach (var dependency in BuiltModule.Dependencies)
                {
                    var assembly = moduleContext.LoadFromAssemblyName(AssemblyName.GetAssemblyName(dependency));
                    Assert.Equal(dependency, assembly.Location);
                    Assert.NotEmpty(assembly.GetTypes());
                    foreach (var reference in assembly.GetReferencedAssemblies())
                    {
                        var resolved = moduleContext.LoadFromAssemblyName(reference);
                        var shipped = Path.Combine(BuiltModule.DependencyDirectory, reference.Name + ".dll");
                        var expectedFolder = File.Exists(shipped) ? BuiltModule.DependencyDirectory : RuntimeEnvironment.GetRuntimeDirectory();
                        Assert.Equal(Path.TrimEndingDirectorySeparator(expectedFolder), Path.GetDirectoryName(resolved.Location));
                    }
                }
                foreach (var hostType in hostCopies)
                {
                    var moduleAssembly = moduleContext.LoadFromAssemblyName(hostType.Assembly.GetName());
                    Assert.Same(moduleContext, AssemblyLoadContext.GetLoadContext(moduleAssembly));
                    Assert.StartsWith(BuiltModule.DependencyDirectory, moduleAssembly.Location);
                    Assert.NotEqual(hostType.Assembly.Location, moduleAssembly.Location);
                    Assert.NotEqual(hostType, moduleAssembly.GetType(hostType.FullName!, throwOnError: true));
                }
            }
            finally
            {
                moduleContext.Unload();
                loader.Unload();
            }
        }
    }
}
