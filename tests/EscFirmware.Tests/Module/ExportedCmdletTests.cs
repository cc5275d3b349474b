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

        /// <summary>
        /// Output types are declared by their stable PSTypeName ("EscFirmware.UpdateResult"), never typeof() of a class
        /// in the private load context; a view in the module's format files selects each of them. That objects really
        /// carry these names is the hosted-engine suite's part.
        /// </summary>
        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Declares_its_output_types_by_stable_name_and_each_has_a_format_view(string cmdlet)
        {
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var outputTypes = BuiltModule.Cmdlets(metadata)[cmdlet].GetCustomAttributesData()
                    .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
                    .SelectMany(a => a.ConstructorArguments)
                    .SelectMany(arg => arg.Value is IEnumerable<System.Reflection.CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
                    .ToList();
                Assert.NotEmpty(outputTypes);
                var viewed = BuiltModule.Manifest.Array("FormatsToProcess")!
                    .SelectMany(file => XDocument.Load(Path.Combine(BuiltModule.Directory, file)).Descendants("TypeName").Select(t => t.Value.Trim()))
                    .ToHashSet();
                foreach (var type in outputTypes)
                {
                    var name = Assert.IsType<string>(type);
                    Assert.Matches("^EscFirmware\\.[A-Za-z]+$", name);
                    Assert.Contains(name, viewed);
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
