using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace EscFirmware.Engine.Tests.Hosting
{
    /// <summary>Reading what scripts return, whether PowerShell wrapped it in a PSObject or not.</summary>
    internal static class PSValues
    {
        public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        public static object? Property(PSObject item, string name) => Unwrap(item.Properties[name]?.Value);

        public static string? Text(PSObject item, string name) => Property(item, name)?.ToString();

        /// <summary>A list-valued property as strings (a single value counts as a list of one).</summary>
        public static List<string> Strings(PSObject item, string name)
        {
            var value = Property(item, name);
            if (value == null) return new List<string>();
            if (value is string one || value is not IEnumerable) return new List<string> { value.ToString()! };
            return ((IEnumerable)value).Cast<object>().Select(o => Unwrap(o)!.ToString()!).ToList();
        }
    }
}
