using System;
using System.IO;
using System.Reflection;
using EscFirmware.Module;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>The Windows PowerShell 5.1 half of docs/dependency-isolation.md: which requests the resolver answers.</summary>
    public sealed class FrameworkAssemblyResolverTests
    {
        private readonly FrameworkAssemblyResolver _resolver =
            new FrameworkAssemblyResolver(new ModuleFolder(BuiltModule.Directory), typeof(FrameworkAssemblyResolver).Assembly);

        private static string Shipped(string name) => Path.Combine(BuiltModule.DependencyDirectory, name + ".dll");

        [Fact]
        public void The_module_assembly_gets_EscFirmware_Core_from_dependencies()
        {
            Assert.Equal(Shipped("EscFirmware.Core"), _resolver.PathFor(AssemblyName.GetAssemblyName(Shipped("EscFirmware.Core")), requesterLocation: null));
        }

        [Fact]
        public void A_dependency_gets_the_shipped_System_Text_Json()
        {
            var stj = AssemblyName.GetAssemblyName(Shipped("System.Text.Json"));
            Assert.Equal(Shipped("System.Text.Json"), _resolver.PathFor(stj, Shipped("RestSharp")));
        }

        [Fact]
        public void Another_modules_request_is_left_to_that_module()
        {
            var stj = AssemblyName.GetAssemblyName(Shipped("System.Text.Json"));
            var azAccounts = Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "5.1.0", "lib", "netstandard2.0", "Azure.Core.dll");
            Assert.Null(_resolver.PathFor(stj, azAccounts));
        }

        [Fact]
        public void A_newer_version_than_shipped_or_an_assembly_not_shipped_is_not_answered()
        {
            var newer = AssemblyName.GetAssemblyName(Shipped("System.Text.Json"));
            newer.Version = new Version(newer.Version!.Major + 1, 0, 0, 0);
            Assert.Null(_resolver.PathFor(newer, Shipped("RestSharp")));
            Assert.Null(_resolver.PathFor(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0"), Shipped("RestSharp")));
        }
    }
}
