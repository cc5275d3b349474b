using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace EscFirmware.Tests.Module
{
    /// <summary>Get-EscFirmwareVersion's parameters as PowerShell will bind them, read from the built assembly.</summary>
    public sealed class GetEscFirmwareVersionParameterTests : IDisposable
    {
        private readonly MetadataLoadContext _metadata = BuiltModule.OpenMetadata();
        private readonly Type _cmdlet;

        public GetEscFirmwareVersionParameterTests()
        {
            _cmdlet = BuiltModule.Cmdlets(_metadata)["Get-EscFirmwareVersion"];
        }

        public void Dispose() => _metadata.Dispose();

        private PropertyInfo Parameter(string name)
        {
            var property = _cmdlet.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property != null, "no parameter " + name);
            Assert.NotNull(Attribute(property!, "ParameterAttribute"));
            return property!;
        }

        private static CustomAttributeData? Attribute(PropertyInfo property, string name) =>
            property.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation." + name);

        private static object? Named(CustomAttributeData attribute, string name) =>
            attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).SingleOrDefault();

        [Fact]
        public void ComputerName_is_mandatory_binds_from_the_pipeline_and_from_csv_columns()
        {
            var computerName = Parameter("ComputerName");
            Assert.Equal(typeof(string[]).FullName, computerName.PropertyType.FullName);
            var parameter = Attribute(computerName, "ParameterAttribute")!;
            Assert.Equal(true, Named(parameter, "Mandatory"));
            Assert.Equal(true, Named(parameter, "ValueFromPipeline"));
            Assert.Equal(true, Named(parameter, "ValueFromPipelineByPropertyName"));
            var aliases = Attribute(computerName, "AliasAttribute")!.ConstructorArguments.Single().Value as System.Collections.Generic.IEnumerable<CustomAttributeTypedArgument>;
            Assert.Superset(new[] { "CN", "HostName", "IPAddress", "BmcAddress" }.ToHashSet(), aliases!.Select(a => (string)a.Value!).ToHashSet());
        }

        [Fact]
        public void Credential_is_a_PSCredential_with_the_Credential_attribute()
        {
            var credential = Parameter("Credential");
            Assert.Equal("System.Management.Automation.PSCredential", credential.PropertyType.FullName);
            Assert.NotNull(Attribute(credential, "CredentialAttribute"));
        }

        [Fact]
        public void Certificate_parameters_are_a_switch_and_a_thumbprint()
        {
            Assert.Equal("System.Management.Automation.SwitchParameter", Parameter("SkipCertificateCheck").PropertyType.FullName);
            var thumbprint = Parameter("CertificateThumbprint");
            Assert.Equal(typeof(string[]).FullName, thumbprint.PropertyType.FullName);
            Assert.NotNull(Attribute(thumbprint, "ValidatePatternAttribute"));
        }

        [Fact]
        public void ThrottleLimit_defaults_to_5_and_TimeoutSec_is_a_bounded_int()
        {
            Assert.Equal(5, ConstructorInitialValue(Parameter("ThrottleLimit")));
            var timeout = Parameter("TimeoutSec");
            Assert.Equal(typeof(int).FullName, timeout.PropertyType.FullName);
            Assert.NotNull(Attribute(timeout, "ValidateRangeAttribute"));
        }

        /// <summary>
        /// The constant a property initializer stores (ldc.i4.* then stfld to the backing field), read from the declaring
        /// type's constructor IL because the cmdlet cannot be instantiated without a PowerShell runtime.
        /// </summary>
        private static int ConstructorInitialValue(PropertyInfo property)
        {
            var declaring = property.DeclaringType!;
            var field = declaring.GetField("<" + property.Name + ">k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance)!;
            var token = BitConverter.GetBytes(field.MetadataToken);
            foreach (var constructor in declaring.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var il = constructor.GetMethodBody()!.GetILAsByteArray()!;
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] != 0x7D || !il.Skip(i + 1).Take(4).SequenceEqual(token)) continue;
                    if (i >= 1 && il[i - 1] >= 0x16 && il[i - 1] <= 0x1E) return il[i - 1] - 0x16;
                    if (i >= 2 && il[i - 2] == 0x1F) return (sbyte)il[i - 1];
                    if (i >= 5 && il[i - 5] == 0x20) return BitConverter.ToInt32(il, i - 4);
                }
            }
            throw new InvalidOperationException(property.Name + " has no constant initializer");
        }
    }
}
