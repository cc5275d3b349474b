using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EscFirmware.FakeBmc;

namespace EscFirmware.Tests.FakeBmc;

/// <summary>HTTP plumbing for talking to a fake BMC the way a client would: TLS pinned to exactly its certificate.</summary>
internal static class FakeBmcHttp
{
    public static HttpClient Client(FakeBmcServer server) => Client(server.BaseUri, server.CertificateSha256);

    public static HttpClient Client(Uri baseUri, string trustedSha256)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null
                    && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                        trustedSha256, StringComparison.Ordinal),
            },
        };
        return new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static HttpRequestMessage WithBasic(this HttpRequestMessage request, FakeBmcOptions options)
    {
        request.Headers.Authorization = Basic(options.UserName, options.Password);
        return request;
    }

    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static Task<HttpResponseMessage> GetBasicAsync(this HttpClient client, FakeBmcServer server, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithBasic(server.Options));

    public static StringContent JsonBody(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static FormUrlEncodedContent Form(string user, string password) =>
        new([new KeyValuePair<string, string>("username", user), new KeyValuePair<string, string>("password", password)]);

    /// <summary>The first <c>@Message.ExtendedInfo</c> MessageId of a Redfish error body.</summary>
    public static async Task<string?> RedfishMessageId(this HttpResponseMessage response) =>
        (await response.Json())["error"]?["@Message.ExtendedInfo"]?[0]?["MessageId"]?.GetValue<string>();
}
