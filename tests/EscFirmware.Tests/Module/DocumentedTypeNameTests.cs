using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>
    /// Docs and test scripts name output types by their stable PSTypeNames: a type literal naming a class of EscFirmware.Core fails
    /// on PowerShell 7, where those classes live in the module's private load context.
    /// </summary>
    public sealed class DocumentedTypeNameTests
    {
        private static readonly Regex CoreTypeLiteral = new Regex(@"\[EscFirmware\.Core\.[A-Za-z.]+\]");
        private static readonly Regex CoreTypeHeading = new Regex(@"^(### |Type: )EscFirmware\.Core\.", RegexOptions.Multiline);

        [Fact]
        public void No_doc_or_PowerShell_script_uses_an_EscFirmware_Core_type_literal_or_names_a_Core_class_as_a_type()
        {
            var files = Directory.GetFiles(Path.Combine(BuiltModule.RepoRoot, "docs"), "*.*", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(BuiltModule.RepoRoot, "*.md"))
                .Concat(Directory.GetFiles(BuiltModule.RepoRoot, "*.ps1", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "out" + Path.DirectorySeparatorChar)))
                .Where(f => f.EndsWith(".md") || f.EndsWith(".ps1"))
                .ToList();
            Assert.NotEmpty(files);
            var offending = files.Where(f => CoreTypeLiteral.IsMatch(File.ReadAllText(f)) || CoreTypeHeading.IsMatch(File.ReadAllText(f)))
                .Select(f => Path.GetRelativePath(BuiltModule.RepoRoot, f)).ToList();
            Assert.True(offending.Count == 0, "use the stable type names (EscFirmware.UpdateResult, ...) instead:\n" + string.Join("\n", offending));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdletTests.ExportedCmdlets), MemberType = typeof(ExportedCmdletTests))]
        public void The_help_page_lists_its_outputs_by_stable_type_name(string cmdlet)
        {
            var page = File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "docs", cmdlet + ".md"));
            var outputs = page.Substring(page.IndexOf("## OUTPUTS"));
            outputs = outputs.Substring(0, outputs.IndexOf("\n## ", 1) < 0 ? outputs.Length : outputs.IndexOf("\n## ", 1));
            Assert.Matches(new Regex(@"^### EscFirmware\.[A-Za-z]+\s*$", RegexOptions.Multiline), outputs);
        }
    }
}
