using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace EscFirmware.Tests.Module
{
    public sealed class FormatFileTests
    {
        public static IEnumerable<object[]> FormatFiles() =>
            (BuiltModule.Manifest.Array("FormatsToProcess") ?? Array.Empty<string>()).Select(file => new object[] { file });

        /// <summary>
        /// One file per output type, named after its class (EscFirmwareUpdateResult.Format.ps1xml); its views select the
        /// stable PSTypeName (EscFirmware.UpdateResult), never the class's own name, which PowerShell 7 sees only
        /// inside the module's load context.
        /// </summary>
        [Theory]
        [MemberData(nameof(FormatFiles))]
        public void Every_view_selects_a_stable_type_name_and_shows_only_its_class_properties(string file)
        {
            var views = XDocument.Load(Path.Combine(BuiltModule.Directory, file)).Descendants("View").ToList();
            Assert.NotEmpty(views);
            var className = file.Substring(0, file.Length - ".Format.ps1xml".Length);
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var type = BuiltModule.Dependencies.Select(metadata.LoadFromAssemblyPath)
                    .SelectMany(a => a.GetExportedTypes())
                    .SingleOrDefault(t => t.Name == className);
                Assert.True(type != null, file + ": no shipped class is named " + className);
                foreach (var view in views)
                {
                    var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
                    Assert.Matches("^EscFirmware\\.[A-Za-z]+$", typeName);
                    foreach (var property in view.Descendants("PropertyName").Select(p => p.Value.Trim()))
                    {
                        Assert.True(type!.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) != null, typeName + " has no property " + property);
                    }
                }
                Assert.Contains(views, v => v.Element("TableControl") != null);
            }
        }
    }
}
