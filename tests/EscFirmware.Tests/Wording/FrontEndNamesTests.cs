using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using EscFirmware.Cli;
using EscFirmware.Core.Wording;
using EscFirmware.Tests.Module;
using Xunit;

namespace EscFirmware.Tests.Wording
{
    /// <summary>Each parameter and command a message can name exists under that name in both front ends.</summary>
    public sealed class FrontEndNamesTests
    {
        public static IEnumerable<object[]> Parameters() => Fields<EscParameter>().Select(p => new object[] { p.CmdletName });
        public static IEnumerable<object[]> Commands() => Fields<EscCommand>().Select(c => new object[] { c.CmdletName });

        [Theory]
        [MemberData(nameof(Parameters))]
        public void A_parameter_is_a_cmdlet_parameter_in_PowerShell_and_an_escfw_flag_in_escfw(string cmdletName)
        {
            var parameter = Fields<EscParameter>().Single(p => p.CmdletName == cmdletName);
            Assert.Equal("-" + cmdletName, parameter.Render(FrontEnd.PowerShell));
            Assert.Equal("--" + parameter.FlagName, parameter.Render(FrontEnd.Escfw));
            Assert.Contains("--" + parameter.FlagName, EscfwOptions());
            Assert.Contains(cmdletName, CmdletParameters());
        }

        [Theory]
        [MemberData(nameof(Commands))]
        public void A_command_is_an_exported_cmdlet_and_an_escfw_verb(string cmdletName)
        {
            var command = Fields<EscCommand>().Single(c => c.CmdletName == cmdletName);
            Assert.Contains(cmdletName, BuiltModule.Manifest.Array("CmdletsToExport")!);
            Assert.Contains(command.Verb, EscfwVerbs());
            Assert.Equal("Exit-EscUpdateMode bmc01 -CompleteFlash -FwUpdateId 7",
                EscCommand.ExitUpdateMode.For("bmc01", EscParameter.CompleteFlash, EscParameter.FwUpdateId.With(7)).Render(FrontEnd.PowerShell));
            Assert.Equal("escfw exit-update-mode --bmc bmc01 --complete-flash --fw-update-id 7",
                EscCommand.ExitUpdateMode.For("bmc01", EscParameter.CompleteFlash, EscParameter.FwUpdateId.With(7)).Render(FrontEnd.Escfw));
        }

        [Fact]
        public void A_phrase_reads_in_the_front_end_in_use_and_each_on_demand()
        {
            var phrase = Phrase.Of($"Run {EscCommand.GetBmcState.For("bmc01")} or pass {EscParameter.ShutdownHost}.") + " Then wait {1} minute.";
            Assert.Equal("Run Get-EscBmcState bmc01 or pass -ShutdownHost. Then wait {1} minute.", phrase.ToString());
            using (FrontEnds.Use(FrontEnd.Escfw))
            {
                Assert.Equal("Run escfw state --bmc bmc01 or pass --shutdown-host. Then wait {1} minute.", phrase.ToString());
                Assert.Equal("Run Get-EscBmcState bmc01 or pass -ShutdownHost. Then wait {1} minute.", phrase.Render(FrontEnd.PowerShell));
            }
            Assert.Equal(FrontEnd.PowerShell, FrontEnds.Current);
        }

        private static IEnumerable<T> Fields<T>() =>
            typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(T)).Select(f => (T)f.GetValue(null)!);

        private static HashSet<string> EscfwOptions()
        {
            var options = new HashSet<string>();
            void Walk(Command command)
            {
                foreach (var option in command.Options) options.Add(option.Name);
                foreach (var sub in command.Subcommands) Walk(sub);
            }
            Walk(EscfwApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, _ => null, false)));
            return options;
        }

        private static HashSet<string> EscfwVerbs()
        {
            var verbs = new HashSet<string>();
            void Walk(Command command, string prefix)
            {
                foreach (var sub in command.Subcommands)
                {
                    verbs.Add(prefix + sub.Name);
                    Walk(sub, prefix + sub.Name + " ");
                }
            }
            Walk(EscfwApp.Build(new CliContext(TextWriter.Null, TextWriter.Null, TextReader.Null, _ => null, false)), string.Empty);
            return verbs;
        }

        private static HashSet<string> CmdletParameters()
        {
            using (var metadata = BuiltModule.OpenMetadata())
            {
                // -WhatIf is the common parameter of every cmdlet that supports ShouldProcess.
                return new HashSet<string>(BuiltModule.Cmdlets(metadata).Values
                    .SelectMany(type => type.GetProperties())
                    .Where(property => property.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
                    .Select(property => property.Name)
                    .Append("WhatIf"));
            }
        }
    }
}
