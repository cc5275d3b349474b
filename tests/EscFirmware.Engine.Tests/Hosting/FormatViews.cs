using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>The views in the built module's format files, by the type name they select.</summary>
    internal static class FormatViews
    {
        public sealed class View
        {
            public View(string typeName, bool isTable, IReadOnlyList<string> headers, IReadOnlyList<string> properties)
            {
                TypeName = typeName;
                IsTable = isTable;
                Headers = headers;
                Properties = properties;
            }

            public string TypeName { get; }
            public bool IsTable { get; }
            /// <summary>The column headings a table shows (Label, else the property name).</summary>
            public IReadOnlyList<string> Headers { get; }
            /// <summary>Every PropertyName the view reads.</summary>
            public IReadOnlyList<string> Properties { get; }
        }

        public static IReadOnlyList<View> All() =>
            Directory.GetFiles(BuiltModule.Directory, "*.Format.ps1xml").SelectMany(file => XDocument.Load(file).Descendants("View")).Select(Read).ToList();

        public static IReadOnlyList<View> For(string typeName) => All().Where(v => v.TypeName == typeName).ToList();

        private static View Read(XElement view)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
            var table = view.Element("TableControl");
            var properties = view.Descendants("PropertyName").Select(p => p.Value.Trim()).ToList();
            var headers = new List<string>();
            if (table != null)
            {
                var labels = table.Element("TableHeaders")!.Elements("TableColumnHeader").Select(h => h.Element("Label")?.Value.Trim()).ToList();
                var items = table.Descendants("TableColumnItem").ToList();
                for (var i = 0; i < labels.Count; i++)
                {
                    headers.Add(labels[i] ?? items[i].Element("PropertyName")!.Value.Trim());
                }
            }
            return new View(typeName, table != null, headers, properties);
        }
    }
}
