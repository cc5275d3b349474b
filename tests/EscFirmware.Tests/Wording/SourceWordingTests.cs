using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EscFirmware.Tests.Module;
using Xunit;

namespace EscFirmware.Tests.Wording
{
    /// <summary>
    /// Names of parameters and commands reach a message only through EscParameter and EscCommand: no string literal in the
    /// Core spells a cmdlet parameter or cmdlet, none in escfw spells a cmdlet parameter, none in the module an escfw flag.
    /// </summary>
    public sealed class SourceWordingTests
    {
        private static readonly Regex Literal = new Regex(@"""(?:[^""\\\r\n]|\\.)*""");
        private static readonly Regex CmdletParameter = new Regex(@"(?<![\w-])-[A-Z][A-Za-z]+");
        private static readonly Regex CmdletName = new Regex(@"\b(Get|Exit|Invoke|Save|Find|Test)-Esc[A-Z]\w*");
        private static readonly Regex EscfwFlag = new Regex(@"(?<![\w-])--[a-z][a-z-]+");

        [Fact]
        public void The_core_spells_no_parameter_or_command_outside_the_wording_tables()
        {
            var found = Offending("EscFirmware.Core", CmdletParameter, CmdletName, EscfwFlag)
                .Where(hit => !hit.StartsWith(Path.Combine("EscFirmware.Core", "Wording") + Path.DirectorySeparatorChar));
            None(found);
        }

        [Fact]
        public void Escfw_spells_no_cmdlet_parameter()
        {
            None(Offending("EscFirmware.Cli", CmdletParameter));
        }

        [Fact]
        public void The_module_spells_no_escfw_flag()
        {
            None(Offending("EscFirmware", EscfwFlag));
        }

        private static void None(IEnumerable<string> hits)
        {
            var list = hits.ToList();
            Assert.True(list.Count == 0, "Name it through EscParameter/EscCommand in a Phrase (see DEVELOPERS.md):\n" + string.Join("\n", list));
        }

        private static IEnumerable<string> Offending(string project, params Regex[] patterns)
        {
            var src = Path.Combine(BuiltModule.RepoRoot, "src");
            foreach (var file in Directory.GetFiles(Path.Combine(src, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(src, file);
                if (relative.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)) continue;
                var number = 0;
                foreach (var line in File.ReadLines(file))
                {
                    number++;
                    if (line.TrimStart().StartsWith("//")) continue;
                    foreach (Match literal in Literal.Matches(line))
                    {
                        foreach (var pattern in patterns)
                        {
                            var hit = pattern.Match(literal.Value);
                            if (hit.Success) yield return relative + ":" + number + ": " + hit.Value + " in " + literal.Value;
                        }
                    }
                }
            }
        }
    }
}
