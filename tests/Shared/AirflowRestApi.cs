using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Airflow 3's REST API as a user reaches it through the API server: a token from <c>POST /auth/token</c> (the auth
/// manager's login route, 201 with <c>access_token</c>), then <c>/api/v2</c> with it as a bearer token. Every wait is
/// bounded and fails with the last answer.
/// </summary>
public sealed class AirflowRestApi(HttpClient http)
{
    public async Task LogInAsync(string username, string password)
    {
        var response = await http.PostAsJsonAsync("/auth/token", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"POST /auth/token: {(int)response.StatusCode} {body}");
        var token = (string?)JsonNode.Parse(body)?["access_token"];
        Assert.False(string.IsNullOrEmpty(token), $"POST /auth/token gave no access_token: {body}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Waits until the dag-processor has parsed the DAG and the API knows it.</summary>
    public Task WaitForDagAsync(string dagId, TimeSpan timeout) =>
        BoundedWait.UntilAsync($"GET /api/v2/dags/{dagId}", timeout, async () =>
        {
            var response = await http.GetAsync($"/api/v2/dags/{dagId}");
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        });

    public async Task UnpauseAsync(string dagId)
    {
        var response = await http.PatchAsJsonAsync($"/api/v2/dags/{dagId}", new { is_paused = false });
        Assert.True(response.IsSuccessStatusCode, $"PATCH /api/v2/dags/{dagId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Triggers a run now (Airflow 3 requires the logical_date key; null means none) and returns its id.</summary>
    public async Task<string> TriggerAsync(string dagId)
    {
        var response = await http.PostAsJsonAsync($"/api/v2/dags/{dagId}/dagRuns", new JsonObject { ["logical_date"] = null });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/v2/dags/{dagId}/dagRuns: {(int)response.StatusCode} {body}");
        return (string?)JsonNode.Parse(body)?["dag_run_id"] ?? throw new Xunit.Sdk.XunitException($"No dag_run_id in {body}");
    }

    /// <summary>Waits for the run to end; returns its final state (success, failed).</summary>
    public async Task<string> WaitForRunAsync(string dagId, string runId, TimeSpan timeout)
    {
        string? state = null;
        await BoundedWait.UntilAsync($"the run {runId} of {dagId} to end", timeout, async () =>
        {
            var run = JsonNode.Parse(await http.GetStringAsync($"/api/v2/dags/{dagId}/dagRuns/{Uri.EscapeDataString(runId)}"));
            state = (string?)run?["state"];
            return (state is "success" or "failed", $"state {state}");
        });
        return state!;
    }

    /// <summary>The task's log of its first try, as the API server fetches it (from the worker's log server).</summary>
    public async Task<string> TaskLogAsync(string dagId, string runId, string taskId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/dags/{dagId}/dagRuns/{Uri.EscapeDataString(runId)}/taskInstances/{taskId}/logs/1");
        // The log route answers JSON or ND-JSON only ("Only application/json or application/x-ndjson is supported").
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET the log of {taskId}: {(int)response.StatusCode} {body}");
        return body;
    }
}
