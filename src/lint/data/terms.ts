/**
 * Product and project names from infrastructure, data engineering, machine
 * learning and observability that the cspell software-terms lists do not
 * carry, in their canonical spelling. Extend through the `vocabulary` config
 * for names of your own.
 */
export const CURATED_TERMS: readonly string[] = [
  // Orchestration, pipelines, workflow
  'Airflow', 'Apache Airflow', 'Argo', 'Argo CD', 'Argo Workflows', 'Argo Events', 'Argo Rollouts', 'Dagster', 'Prefect',
  'Luigi', 'Kubeflow', 'Kubeflow Pipelines', 'KFP', 'Flyte', 'Metaflow', 'Temporal', 'Tekton', 'Jenkins', 'Spinnaker',
  'ZenML', 'Kedro', 'Mage', 'Oozie', 'NiFi', 'Apache NiFi', 'Step Functions',
  // Model serving and ML platforms
  'KServe', 'KFServing', 'Seldon', 'Seldon Core', 'BentoML', 'TorchServe', 'TensorFlow Serving', 'Triton', 'Ray', 'Ray Serve',
  'MLflow', 'DVC', 'Weights & Biases', 'Comet', 'Neptune', 'ClearML', 'SageMaker', 'Vertex AI', 'Azure ML', 'Databricks',
  'Feast', 'Tecton', 'Evidently', 'Fiddler', 'Arize', 'WhyLabs', 'Great Expectations', 'Deepchecks', 'Label Studio',
  'Optuna', 'Hyperopt', 'Ray Tune', 'Katib', 'ONNX', 'ONNX Runtime', 'OpenVINO', 'TensorRT', 'Hugging Face', 'LangChain',
  'LlamaIndex', 'vLLM', 'Ollama',
  // Python data and ML libraries
  'NumPy', 'pandas', 'Polars', 'SciPy', 'scikit-learn', 'PyTorch', 'TensorFlow', 'Keras', 'JAX', 'XGBoost', 'LightGBM',
  'CatBoost', 'Matplotlib', 'Seaborn', 'Plotly', 'Bokeh', 'Altair', 'Streamlit', 'Gradio', 'Dash', 'Jupyter', 'JupyterHub',
  'JupyterLab', 'Joblib', 'Dask', 'PySpark', 'SQLAlchemy', 'Pydantic', 'PyYAML', 'pytest', 'Requests', 'Flask', 'FastAPI',
  'Django', 'Celery', 'Uvicorn', 'Gunicorn', 'Poetry', 'Conda', 'Anaconda', 'spaCy', 'NLTK', 'OpenCV', 'Pillow',
  // Data platforms and storage
  'LakeFS', 'Delta Lake', 'Apache Iceberg', 'Iceberg', 'Apache Hudi', 'Hudi', 'Apache Spark', 'Spark', 'Apache Flink', 'Flink',
  'Apache Kafka', 'Kafka', 'Pulsar', 'Apache Beam', 'Beam', 'Hadoop', 'HDFS', 'Hive', 'Presto', 'Trino', 'Snowflake',
  'BigQuery', 'Redshift', 'ClickHouse', 'DuckDB', 'dbt', 'Airbyte', 'Fivetran', 'MinIO', 'PostgreSQL', 'MySQL', 'MariaDB',
  'MongoDB', 'Redis', 'Cassandra', 'Elasticsearch', 'OpenSearch', 'Neo4j', 'SQLite', 'TimescaleDB', 'InfluxDB', 'etcd',
  // Infrastructure as code, cloud native
  'Terraform', 'OpenTofu', 'Pulumi', 'Crossplane', 'Ansible', 'Chef', 'Puppet', 'CloudFormation', 'AWS CDK', 'Bicep',
  'Packer', 'Vagrant', 'Kubernetes', 'Docker', 'Docker Compose', 'Podman', 'containerd', 'Helm', 'Kustomize', 'Istio',
  'Linkerd', 'Envoy', 'Knative', 'OpenShift', 'Rancher', 'K3s', 'minikube', 'kind', 'Nomad', 'Consul', 'Vault',
  'Flux', 'FluxCD', 'ArgoCD', 'Karpenter', 'KEDA', 'Cilium', 'Calico', 'CoreDNS', 'Traefik', 'NGINX', 'HAProxy',
  // Observability
  'Prometheus', 'Grafana', 'Loki', 'Tempo', 'Mimir', 'Thanos', 'Cortex', 'Jaeger', 'Zipkin', 'OpenTelemetry', 'Fluentd',
  'Fluent Bit', 'Logstash', 'Kibana', 'ELK Stack', 'Datadog', 'New Relic', 'Splunk', 'Sentry', 'PagerDuty', 'Alertmanager',
  // Tools and platforms
  'Git', 'GitHub', 'GitHub Actions', 'GitLab', 'GitLab CI', 'Bitbucket', 'CircleCI', 'Travis CI', 'Azure DevOps',
  'Linux', 'Ubuntu', 'Debian', 'macOS', 'Windows', 'AWS', 'Azure', 'Google Cloud', 'GCP', 'Mermaid', 'Markdown',
];
