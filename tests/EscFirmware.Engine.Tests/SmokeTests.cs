using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Xunit;

namespace EscFirmware.Engine.Tests
{
    public sealed class SmokeTests
    {
        [Fact]
        public void Imports()
        {
            string Meta(string k) => typeof(SmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == k).Value!;
            var psd1 = Path.Combine(Meta("EscRepoRoot"), "out", "EscFirmware", Meta("EscModuleVersion"), "EscFirmware.psd1");
            using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
            ps.AddScript("Import-Module '" + psd1 + "' -ErrorAction Stop; Get-Command -Module EscFirmware | % Name; (Get-Command Invoke-EscBmcUpdate).OutputType.Name; Get-Command | % Name");
            var result = ps.Invoke();
            foreach (var e in ps.Streams.Error) Console.WriteLine("ERR " + e + " " + e.Exception);
            Console.WriteLine(string.Join(",", result));
            Assert.Empty(ps.Streams.Error);
        }
    }
}
