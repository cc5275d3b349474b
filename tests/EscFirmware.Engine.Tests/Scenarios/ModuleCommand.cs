using System;
using System.Collections.Generic;
using System.Linq;
using EscFirmware.Engine.Tests.Hosting;

namespace EscFirmware.Engine.Tests.Scenarios
{
    /// <summary>
    /// The module's cmdlets as PowerShell sees them after a plain import (Get-Command and CommandMetadata, never a list
    /// kept by hand), so the every-cmdlet tables take a new cmdlet in the moment it is exported.
    /// </summary>
    internal sealed class ModuleCommand
    {
        private static readonly Lazy<IReadOnlyList<ModuleCommand>> Discovered = new Lazy<IReadOnlyList<ModuleCommand>>(Discover);

        private ModuleCommand(string name, string implementingType, bool supportsShouldProcess, string confirmImpact, IReadOnlyList<string> parameters)
        {
            Name = name;
            ImplementingType = implementingType;
            SupportsShouldProcess = supportsShouldProcess;
            ConfirmImpact = confirmImpact;
            Parameters = parameters;
        }

        public string Name { get; }
        /// <summary>The cmdlet class's full name: the second half of its errors' FullyQualifiedErrorId.</summary>
        public string ImplementingType { get; }
        public bool SupportsShouldProcess { get; }
        public string ConfirmImpact { get; }
        public IReadOnlyList<string> Parameters { get; }

        /// <summary>PowerShell asks before it runs unless told not to ($ConfirmPreference is High by default).</summary>
        public bool ConfirmsByDefault => SupportsShouldProcess && ConfirmImpact == "High";

        /// <summary>Logs in to the BMCs it is given (-ComputerName with -Credential).</summary>
        public bool ContactsBmc => Parameters.Contains("ComputerName") && Parameters.Contains("Credential");

        /// <summary>Takes a firmware image file (-Path, -BmcImage, -BiosImage).</summary>
        public bool TakesImage => Parameters.Intersect(new[] { "Path", "BmcImage", "BiosImage" }).Any();

        public static IReadOnlyList<ModuleCommand> All => Discovered.Value;

        public static ModuleCommand Named(string name) => All.Single(c => c.Name == name);

        /// <summary>Theory rows: the names of the exported cmdlets that match.</summary>
        public static IEnumerable<object[]> Where(Func<ModuleCommand, bool> filter) => All.Where(filter).Select(c => new object[] { c.Name });

        private static IReadOnlyList<ModuleCommand> Discover()
        {
            using var session = ModuleSession.Start();
            var result = session.Run(@"
                foreach ($command in Get-Command -Module EscFirmware) {
                    $metadata = [System.Management.Automation.CommandMetadata]::new($command)
                    [pscustomobject]@{
                        Name = $command.Name
                        ImplementingType = $command.ImplementingType.FullName
                        SupportsShouldProcess = $metadata.SupportsShouldProcess
                        ConfirmImpact = $metadata.ConfirmImpact.ToString()
                        Parameters = @($command.Parameters.Keys)
                    }
                }");
            if (result.Terminating != null || result.Errors.Count > 0 || result.Output.Count == 0)
            {
                throw new InvalidOperationException("Listing the module's cmdlets failed:\n" + result.Describe());
            }
            return result.Output.Select(o => new ModuleCommand(PSValues.Text(o, "Name")!, PSValues.Text(o, "ImplementingType")!,
                (bool)PSValues.Property(o, "SupportsShouldProcess")!, PSValues.Text(o, "ConfirmImpact")!, PSValues.Strings(o, "Parameters"))).ToList();
        }

        public override string ToString() => Name;
    }
}
