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

        [Theory]
        [MemberData(nameof(FormatFiles))]
        public void Every_view_names_a_shipped_type_and_only_its_properties(string file)
        {
            var views = XDocument.Load(Path.Combine(BuiltModule.Directory, file)).Descendants("View").ToList();
            Assert.NotEmpty(views);
            using (var metadata = BuiltModule.OpenMetadata())
            {
                var shipped = BuiltModule.Dependencies.Append(BuiltModule.AssemblyPath).Select(metadata.LoadFromAssemblyPath).ToList();
                foreach (var view in views)
                {
                    var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
                    var type = shipped.Select(a => a.GetType(typeName)).SingleOrDefault(t => t != null);
                    Assert.True(type != null, file + ": no shipped assembly defines " + typeName);
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
