using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>What every exported cmdlet must ship with; a new cmdlet is covered as soon as it is exported.</summary>
    public sealed class ExportedCmdletTests
    {
        public static IEnumerable<object[]> ExportedCmdlets() =>
            (BuiltModule.Manifest.Array("CmdletsToExport") ?? Array.Empty<string>()).Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Declares_its_output_types_and_each_has_a_format_file_with_a_view(string cmdlet)
        {
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var outputTypes = BuiltModule.Cmdlets(metadata)[cmdlet].GetCustomAttributesData()
                    .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
                    .SelectMany(a => a.ConstructorArguments)
                    .SelectMany(arg => arg.Value is IEnumerable<System.Reflection.CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                    .OfType<Type>()
                    .ToList();
                Assert.NotEmpty(outputTypes);
                var formats = BuiltModule.Manifest.Array("FormatsToProcess")!;
                foreach (var type in outputTypes)
                {
                    var file = type.Name + ".Format.ps1xml";
                    Assert.Contains(file, formats);
                    var viewed = XDocument.Load(Path.Combine(BuiltModule.Directory, file)).Descendants("TypeName").Select(t => t.Value.Trim());
                    Assert.Contains(type.FullName, viewed);
                }
            }
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Has_a_help_page_in_docs(string cmdlet)
        {
            var page = Path.Combine(BuiltModule.RepoRoot, "docs", cmdlet + ".md");
            Assert.True(File.Exists(page), "docs/" + cmdlet + ".md is missing");
            var text = File.ReadAllText(page);
            Assert.Contains("# " + cmdlet, text);
            Assert.Contains("## SYNOPSIS", text);
            Assert.Contains("## EXAMPLES", text);
        }
    }
}
