namespace AirflowAspire.Hosting.Airflow.Tests.Manifest;

/// <summary>A hand-written manifest that uses every form the conformance rules allow.</summary>
internal static class ConformingManifest
{
    public const string Json = """
        {
          "$schema": "https://json.schemastore.org/aspire-8.0.json",
          "resources": {
            "db-password": {
              "type": "parameter.v0",
              "value": "{db-password.inputs.value}",
              "inputs": {
                "value": {
                  "type": "string",
                  "secret": true,
                  "default": { "generate": { "minLength": 22, "special": false } }
                }
              }
            },
            "smtp-password": {
              "type": "parameter.v0",
              "value": "{smtp-password.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true } }
            },
            "db": {
              "type": "container.v0",
              "connectionString": "Host={db.bindings.tcp.host};Port={db.bindings.tcp.port};Password={db-password.value}",
              "image": "docker.io/library/postgres:17.6",
              "env": { "POSTGRES_PASSWORD": "{db-password.value}" },
              "volumes": [ { "name": "app-db-data", "target": "/var/lib/postgresql/data", "readOnly": false } ],
              "bindings": {
                "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 5432 }
              }
            },
            "airflow-db": {
              "type": "value.v0",
              "connectionString": "{db.connectionString};Database=airflow"
            },
            "web": {
              "type": "container.v0",
              "image": "apache/airflow:3.2.2",
              "entrypoint": "/bin/bash",
              "args": [ "-c", "echo {{literal}} && exec airflow api-server --port {web.bindings.http.targetPort}" ],
              "bindMounts": [ { "source": "../dags", "target": "/opt/airflow/dags", "readOnly": true } ],
              "env": {
                "SQL_ALCHEMY_CONN": "{airflow-db.connectionString}",
                "SMTP_PASSWORD": "{smtp-password.value}",
                "JSON_WITH_SECRET": "{{\"password\": \"{db-password.value}\"}}",
                "SELF_URL": "{web.bindings.http.url}",
                "DB_URL": "{db.bindings.tcp.scheme}://{db.bindings.tcp.host}:{db.bindings.tcp.targetPort}"
              },
              "bindings": {
                "http": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 8080, "port": 8080, "external": true },
                "https": { "scheme": "https", "protocol": "tcp", "transport": "http2", "targetPort": 8443 },
                "metrics": { "scheme": "udp", "protocol": "udp", "transport": "tcp", "targetPort": 8125 }
              }
            }
          }
        }
        """;
}
