using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using EscFirmware.Core.Operations;
using EscFirmware.Core.Transport;
using EscFirmware.Core.Wording;
using EscFirmware.Tests.Module;
using RestSharp;
using Xunit;
using Xunit.Abstractions;

namespace EscFirmware.Tests.Wording
{
    /// <summary>
    /// Every error the Core builds, rendered for both front ends: escfw never reads a cmdlet parameter (-Name) or a cmdlet
    /// name, PowerShell never reads an escfw flag (--name) or verb. Errors are found as static methods returning
    /// <see cref="EscFirmwareException"/> or <see cref="OperationError"/> (the convention in DEVELOPERS.md) and called with
    /// sample arguments; every error id in the sources must come out of one.
    /// </summary>
    public sealed class ErrorRemedyTests
    {
        private static readonly Regex CmdletParameter = new Regex(@"(?<![\w-])-[A-Z][A-Za-z]+");
        private static readonly Regex CmdletName = new Regex(@"\b(Get|Exit|Invoke|Save|Find|Test)-Esc[A-Z]\w*");
        private static readonly Regex EscfwFlag = new Regex(@"(?<![\w-])--[a-z][a-z-]+");
        private static readonly Regex ErrorIdInSource = new Regex(@"""(Esc[A-Z]\w+)""\s*,\s*ErrorKind\.");

        /// <summary>Ids still built inline (not yet in a static method). Only shrinks: a new error goes into a method.</summary>
        private static readonly HashSet<string> NotYetInAMethod = new HashSet<string>
        {
            "EscImageContradiction", "EscAuditLogNotFound", "EscAuditLogUnavailable", "EscBiosComponentUnknown", "EscBmcNotSupported",
            "EscBmcPreserveConfigurationNotSet", "EscBmcPreserveConfigurationUnavailable", "EscBmcUploadTimeout", "EscCatalogFileNotFound", "EscCatalogInvalid",
            "EscFirmwareNotFound", "EscHpmUploadRejected", "EscImageChangedWhileReading", "EscImageNotBmc", "EscModelRequired",
            "EscNoImageGiven", "EscNotABiosImage", "EscOperationStopped", "EscPackageHasNoImage", "EscPackageHasSeveralImages",
            "EscWebSessionClosed", "EscWebSessionMalformed",
        };

        private readonly ITestOutputHelper _output;

        public ErrorRemedyTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Every_error_reads_in_the_words_of_each_front_end()
        {
            var rendered = 0;
            var problems = new List<string>();
            foreach (var (method, error) in Errors())
            {
                foreach (var (part, phrase) in new[] { ("message", error.Problem), ("next step", error.NextStep) })
                {
                    if (phrase == null) continue;
                    var escfw = phrase.Render(FrontEnd.Escfw);
                    var powerShell = phrase.Render(FrontEnd.PowerShell);
                    rendered++;
                    foreach (Match found in CmdletParameter.Matches(escfw).Cast<Match>().Concat(CmdletName.Matches(escfw)))
                        problems.Add($"{error.ErrorId} ({method}) {part} names {found.Value} in escfw: {escfw}");
                    foreach (Match found in EscfwFlag.Matches(powerShell))
                        problems.Add($"{error.ErrorId} ({method}) {part} names {found.Value} in PowerShell: {powerShell}");
                    if (powerShell.Contains("escfw ", StringComparison.Ordinal))
                        problems.Add($"{error.ErrorId} ({method}) {part} names an escfw verb in PowerShell: {powerShell}");
                }
            }
            _output.WriteLine(rendered + " messages and next steps rendered in both front ends");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Every_error_id_in_the_sources_is_built_by_a_static_method()
        {
            var built = new HashSet<string>(Errors().Select(e => e.Error.ErrorId));
            var inSource = Directory.GetFiles(Path.Combine(BuiltModule.RepoRoot, "src", "EscFirmware.Core"), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => ErrorIdInSource.Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
                .ToHashSet();
            var missing = inSource.Where(id => !built.Contains(id) && !NotYetInAMethod.Contains(id)).OrderBy(id => id).ToList();
            Assert.True(missing.Count == 0, "Build these errors in a static method returning EscFirmwareException (see DEVELOPERS.md): " + string.Join(", ", missing));
            var moved = NotYetInAMethod.Where(built.Contains).ToList();
            Assert.True(moved.Count == 0, "Take these off NotYetInAMethod, they are built by methods now: " + string.Join(", ", moved));
        }

        /// <summary>Every static error-building method of the Core, called with each combination of sample arguments.</summary>
        private static IEnumerable<(string Method, OperationError Error)> Errors()
        {
            var core = typeof(EscFirmwareException).Assembly;
            foreach (var type in core.GetTypes().Where(t => !t.ContainsGenericParameters))
            {
                foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (method.ContainsGenericParameters) continue;
                    if (!typeof(EscFirmwareException).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(OperationError)) continue;
                    if (method.Name == nameof(OperationError.FromException)) continue;
                    var name = type.Name + "." + method.Name;
                    foreach (var arguments in Combinations(method.GetParameters().Select(p => Samples(p.ParameterType)).ToList()))
                    {
                        object? made;
                        try
                        {
                            made = method.Invoke(null, arguments);
                        }
                        catch (TargetInvocationException failed)
                        {
                            throw new InvalidOperationException(name + " threw while building its error: " + failed.InnerException?.Message, failed.InnerException);
                        }
                        if (made == null) continue; // "no error" for these arguments
                        yield return (name, made is OperationError error ? error : OperationError.FromException((Exception)made, "bmc01"));
                    }
                }
            }
        }

        private static IEnumerable<object?[]> Combinations(IReadOnlyList<IReadOnlyList<object?>> samples)
        {
            IEnumerable<object?[]> all = new[] { Array.Empty<object?>() };
            foreach (var options in samples) all = all.SelectMany(prefix => options.Select(option => prefix.Append(option).ToArray()));
            return all;
        }

        private static IReadOnlyList<object?> Samples(Type type)
        {
            if (type == typeof(string)) return new object?[] { "bmc01" };
            if (type == typeof(Uri)) return new object?[] { new Uri("https://mirror.example/pub/ESC8000-E12P-ASUS-0804.zip") };
            if (type == typeof(bool)) return new object?[] { false, true };
            if (type == typeof(int) || type == typeof(int?)) return new object?[] { 2 };
            if (type == typeof(long)) return new object?[] { 2L };
            if (type == typeof(TimeSpan)) return new object?[] { TimeSpan.FromMinutes(3) };
            if (type == typeof(Exception)) return new object?[] { new IOException("disk gone") };
            if (typeof(Exception).IsAssignableFrom(type) && type.GetConstructor(new[] { typeof(string) }) != null && type != typeof(EscFirmwareException))
                return new[] { Activator.CreateInstance(type, "disk gone") };
            if (type == typeof(EscFirmwareException)) return new object?[] { new EscFirmwareException("EscSample", ErrorKind.ConnectionError, "bmc01: no answer.") };
            if (type.IsAssignableFrom(typeof(RedfishException)))
                return new object?[] { new RedfishException("EscSample", ErrorKind.AuthenticationError, "bmc01: refused.", HttpStatusCode.Unauthorized, Array.Empty<string>(), null) };
            if (type == typeof(Phrase)) return new object?[] { Phrase.Of($"pass {EscParameter.Force}") };
            if (type.IsEnum) return Enum.GetValues(type).Cast<object?>().ToArray();
            if (type == typeof(RestResponse)) return VendorResponses();
            if (type == typeof(HttpStatusCode)) return new object?[] { HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError };
            if (!type.IsValueType) return new[] { type.GetConstructor(Type.EmptyTypes) != null ? Activator.CreateInstance(type) : null };
            return new[] { Activator.CreateInstance(type) };
        }

        /// <summary>The BMC answers <c>BmcErrors.FromResponse</c> tells apart (AMI codes, Redfish MessageIds, statuses).</summary>
        private static IReadOnlyList<object?> VendorResponses()
        {
            RestResponse Response(HttpStatusCode status, string body) =>
                new RestResponse(new RestRequest()) { StatusCode = status, Content = body, ResponseStatus = ResponseStatus.Completed };
            return new object?[]
            {
                Response(HttpStatusCode.Unauthorized, "{\"error\":\"Login failed\",\"code\":1348}"),
                Response(HttpStatusCode.Unauthorized, "{\"error\":\"Session table full\",\"code\":15000}"),
                Response(HttpStatusCode.Unauthorized, "{\"error\":\"Locked\",\"code\":1012}"),
                Response(HttpStatusCode.Forbidden, "{\"error\":{\"@Message.ExtendedInfo\":[{\"MessageId\":\"Base.1.8.AccessDenied\"}]}}"),
                Response(HttpStatusCode.Unauthorized, string.Empty),
                Response(HttpStatusCode.Forbidden, string.Empty),
                Response(HttpStatusCode.NotFound, string.Empty),
                Response(HttpStatusCode.PreconditionFailed, string.Empty),
                Response(HttpStatusCode.ServiceUnavailable, string.Empty),
                Response(HttpStatusCode.InternalServerError, string.Empty),
                Response(HttpStatusCode.BadRequest, string.Empty),
                Response(HttpStatusCode.PermanentRedirect, string.Empty),
            };
        }
    }
}
