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
  // Languages, runtimes, web and app frameworks, build and test tools
  'Python', 'Java', 'Go', 'Rust', 'Ruby', 'PHP', 'Swift', 'Scala', 'Elixir', 'Haskell', 'Dart', 'C#', 'Node.js',
  'Bun', 'Corepack', 'React', 'React Native', 'Preact', 'Vue', 'Vue.js', 'Nuxt', 'Next.js', 'Svelte', 'SvelteKit',
  'Angular', 'Astro', 'Gatsby', 'Remix', 'Express', 'Fastify', 'Koa', 'Hono', 'Ruby on Rails', 'Rails', 'Laravel',
  'Spring', 'Spring Boot', 'Flutter', 'Electron', 'Tauri', 'Redux', 'GraphQL', 'Apollo', 'Prisma', 'Tailwind CSS',
  'Bootstrap', 'Sass', 'Storybook', 'Vite', 'Webpack', 'Rollup', 'esbuild', 'Babel', 'ESLint', 'Prettier', 'Jest',
  'Vitest', 'Mocha', 'Cypress', 'Playwright', 'Selenium', 'Puppeteer', 'npm', 'pnpm', 'Yarn', 'Maven', 'Gradle',
  'SonarQube', 'Snyk', 'Trivy', 'Dependabot', 'Renovate', 'Hugo', 'Jekyll', 'Docusaurus', 'MkDocs', 'Sphinx',
  'Visual Studio Code', 'VS Code', 'IntelliJ', 'Postman', 'Swagger', 'OpenAPI', 'gRPC', 'Protobuf',
  // Cloud services and hosted platforms
  'AWS Lambda', 'Amazon S3', 'Amazon EC2', 'Amazon ECS', 'Amazon EKS', 'Fargate', 'DynamoDB', 'Aurora', 'CloudWatch',
  'CloudFront', 'Route 53', 'Azure Functions', 'Azure Cosmos DB', 'Cosmos DB', 'Cloud Run', 'Firestore', 'Spanner',
  'Firebase', 'Supabase', 'Vercel', 'Netlify', 'Heroku', 'Cloudflare', 'Okta', 'Auth0', 'Keycloak', 'Stripe', 'Twilio',
  'Slack', 'Discord', 'Jira', 'Confluence', 'Figma',
  // Messaging, caches, web servers, registries, Kubernetes tooling
  'RabbitMQ', 'ActiveMQ', 'NATS', 'ZeroMQ', 'ZooKeeper', 'Memcached', 'Varnish', 'Caddy', 'Apache Tomcat', 'Tomcat',
  'Skaffold', 'Tilt', 'Telepresence', 'Falco', 'Open Policy Agent', 'OPA', 'Kyverno', 'cert-manager', 'Velero',
  'Longhorn', 'Harbor', 'Artifactory', 'JFrog', 'Nexus', 'Sonatype', 'Kong', 'Proxmox', 'VMware', 'VirtualBox',
  // AI platforms, models and vector stores
  'OpenAI', 'Anthropic', 'Claude', 'ChatGPT', 'Llama', 'Mistral', 'Gemini', 'GitHub Copilot', 'LangGraph', 'CrewAI',
  'AutoGen', 'Semantic Kernel', 'Transformers', 'Qdrant', 'Pinecone', 'Weaviate', 'Milvus', 'Chroma', 'FAISS',
  'pgvector', 'statsmodels', 'SymPy', 'NetworkX',
];

/**
 * Common English and documentation words (`flow`, `master`, `fiddle`,
 * `tracing`, …): a word written in a name that is one of these is the word,
 * not a misspelling of a product name (`Fiddle` is not `Fiddler`, `Perfect`
 * is not `Prefect`). Lower case. Words that appear in lower case in the prose
 * of at least 20 of the real-world Markdown documents the project is tested
 * on, less the dictionary's own terms, plus general English words.
 */
export const COMMON_WORDS: readonly string[] = `
arise carpenter conductor customise customize scaffold scaffolding
ability able about above absent absolute abstract abstraction accept acceptable acceptance accepted accepting accepts
access accessed accesses accessible accompanied according accordingly account accounts accurate achieve achieved
acknowledged across act acting action actions active actively activity acts actual actually add added adding addition
additional additionally address addressed addresses adds adjust admin administrator administrators admins admission
adopt adoption advance advanced affect affected affecting affects after again against age agent agents aggregated ago
agree aims air alert alerts algorithm aliases align aligned all allow allowed allowing allows almost alone along
alongside alpha already also alternative alternatives always ambiguous among amount analysis analytics analyzes and
animal annotation annotations another answer answers ant any anyone anything api apis apollo app appear appears
applicable application applications applied applies apply applying approach approaches appropriate appropriately
approval approve approved approver approvers apps architectural architecture architectures are area aren argument
arguments arm around arrays arrives art artifact artifacts ask asking asks aspects assessment assets assign assigned
assignment assigns assistant associated assume assumed assuming assumptions astro async atomic attach attached attack
attempt attempts attribute attributes attribution audit aurora auth authenticate authentication author authoring
authoritative authority authorization authors auto automated automatic automatically automation availability available
avoid avoiding avoids await away azd back backend background backlog backup backwards bad bag balancer ball bank bar
base based baseline basic basis batch beam beams bear beat beautiful because become becomes bed been before begin
beginning begins behalf behave behavior behaviors behind being believe belong belongs below benefit benefits best beta
better between beyond big bill binary bind binding bit black block blocked blocking blocks blood blue blueprint board
boat body book born both bound boundaries boundary bounded box boy brain branch branches break breaking breaks bridge
brief brilliant bring broader broken broker brokers brother browser bucket buckets budget buffer bug bugs build
building builds built bun bundle bundles burden business but buy bytes cache cached caching caddy calculate calculated
calculation calculations call callback called caller calling calls camera campaign can cannot canonical capabilities
capability capable capacity capital capture captured captures car card care career careful carefully carries carry
carrying cart case cases cat catalog catch catches categories category cause caused causes causing cell center central
century certain certificate certificates chain chair challenge challenges chance change changed changes changing
channel channels chapter chapters character characteristics characters charge chart chat check checked checking
checklist checkout checks chef child choice choices choose chosen chroma church citizen city civil claim clarity class
classes classification clean cleaned cleanup clear clearly click client clients close closed cloud cluster clusters
coach codes cold collect collected collection collects college color colors column combination combinations combine
combined come comes comet command commands comment comments commercial commit commits committing common commonly
communicate communication community company compare compared compares comparison compatibility compatible complete
completed completely completes completing completion complex complexity compliance complicated component components
composed comprehensive compute computer concept concern concerns concise concrete concurrent concurrently condition
conference config configurable configuration configurations configure configured configures configuring confirm
confirmation confirmed confirming conflict conflicting conflicts conformance connect connected connecting connection
connections connects consensus consider consideration considerations considered consistency consistent consistently
consists constraint constraints construct constructs consume consumed consumer consumers consumes consuming
consumption contain contained container containers containing contains content contents context contexts continue
continues continuing continuous continuously contract contracts control controlled controller controllers controls
convenient convention conventions conversation conversational conversations conversion convert converted converts
coordinate coordinates coordinating coordination copied copy copying core correct correctly correctness corresponding
corresponds cost costs could count country counts couple course court cover coverage covered covering covers crash
crashes create created creates creating creation credential credentials crime criteria crucial cultural culture cup
curated curl current currently custom customer customers customization customize cut cycle cycles dark dash dashboard
dashboards data database databases dataset datasets date daughter day days dead deal dealing death debate decade
decide decided decides deciding decision decisions declare declared declares decorator dedicated deep deeper default
defaults defense deferred define defined defines defining definition definitions degraded degree delay delegate
delegated delegates delete deleted deletes deleting deletion deliver delivered delivery demand demonstrates deno
depend dependencies dependency depending depends deploy deployment deployments deploys deprecated deprecation
deprecations depth derived describe described describes describing description descriptions descriptive design
designed desired desktop despite destination detail detailed details detect detected detection detects determine
determined determines deterministic dev develop developer developers development diagram diagrams dictionary did didn
die differ difference differences different differently differs difficult dinner direct direction directly director
directories directory disable disabled disabling discerning discover discovered discovery discuss discussed discussion
disease disk dispatch display displayed distinct distributed distribution dive doc docs doctor document documentation
documented documents does doesn dog doing domain don done door down downgrade downgraded download downstream draft
draw drawbacks dream drift drive driven driver drives drop dropped drug due duplicate duplicated duplication durable
duration during dusk dynamic dynamically each earlier early easier easily east easy eat economic economy ecosystem
edge edit editing editor edits education effect effective effectively efficiency efficient efficiently effort egress
eight either election element elements else embedded emit emits emitted employee empty enable enabled enables enabling
encoded end endpoint endpoints ends energy enforce enforced enforcement enforces engine engineer engineering
enhancement enhancements enjoy enough ensure ensures ensuring enter enterprise entire entirely entries entry env
environment environments equal equivalent error errors especially essential essentially establish established
estimated etc evaluate evaluated evaluates evaluation even evening event events eventually ever every everybody
everyone everything evidence evolve exact exactly example examples exceeds except exception excessive exchange
excluded exec execute executed executes executing execution executive exhaustion exist existing exists exit expect
expectations expected expects experience experiment experimental expert expertise explain explanation explicit
explicitly explore explored expo export expose exposed exposes exposing express extend extended extending extends
extension extensions external extra extract extracted extraction extracts eye face fact factor fail failed failing
fails failure failures fall fallback falls false familiar family far fast faster father fault faults fear feast
feature features federal feedback feel feeling fetch fetched fetches fetching few fewer fiddle fiddles field fields
fight figure figures file files fill filled film filter filtering filters final finally financial find finding
findings finds fine finger finish finished finishes fire firewall firm first fish fit five fix fixes flag flags flake
flexibility flexible floor flow flowchart flows flux fly focus focused folder folders follow followed following
follows food foot footprint for force foreign forget form format formats formatted formatting former forms forward
forwards found foundation four framework frameworks free frequently fresh friend from front frontend frontmatter full
fully functional functionality functions fund fundamental fundamentals further future game gap gaps garbage garden gas
gate gated gates gateway gather gemini general generally generate generated generates generating generation generic
get gets getting girl give given gives giving glass glitter goal goals goes going good got government gracefully
graduation graph great greater green ground group grouping groups grow grows growth guarantee guaranteed guarantees
guess guidance guide guidelines guides gun guy had hair half hand handle handled handler handles handling handoff
hands hang happen happened happening happens happy harbor hard harder has have having head header headers health hear
heart heat heavily heavy held hello help helper helpers helpful helps her here herself hidden hierarchical hierarchy
high higher highest highly him himself hints his history hit hold holding holds home hood hope hospital hosted hosting
hot hotel hour house how however huge hugo human hundred husband hybrid idea identical identified identifier
identifiers identifies identify identity ignored illustrates image images imagine immediate immediately impact
implementable implementation implementations implications implicitly import important imports impossible improve
improvement improvements include included includes including incoming inconsistent incorrect increase increased
increases increasing indeed independent independently index indexes indicate indicates indicating indices individual
individually industry inference inform information informed infrastructure ingest ingestion ingress inherit inherits
initial initialization initialize initialized initializes initially inject injected injection injects inodes input
inputs inside insights inspect inspects installation installed installs instances instead institution instruction
instructions integrate integrated integrates integrity intended intent intentionally interact interacting interaction
interactions interactive interacts interest interesting interface interfaces intermediate internal internally
international internet interval interview into introduce introduced introduces introducing introduction invalid
inventory investment invocation invoice invoke invoked invokes invoking involve involved involves involving isn
isolated isolation issue issues item items iteration iterative its itself jekyll jetty job jobs join journey just keep
keeping keeps kept key keys keyword keywords kid kill kind kinds kitchen know knowledge known knows kong kubelet label
labeled labels lack lambda land language languages large larger last late latency later latest laugh law lawyer lay
layer layers layout lead leader leading leads learn learned learning least leave leaves leaving left leg legacy legal
length lens less let lets letter level levels leverage leverages leveraging libraries library license lie life
lifecycle lifetime light lightweight like likely limit limitation limitations limited limiting limits line lines link
linked linking links lint list listed listen listing lists little live lives load loaded loading loads local locally
located location logged logging logic logical login logout logs long longer look looking looks lookup loop loops lose
loss lost lot love low lower machine machinery made magazine mage magic mailing main maintain maintained maintainers
maintaining maintains maintenance major majority make makes making malformed man manage managed management manager
manages managing mandatory manifest manifests manner manual manually many mapping maps mark marked marker markers
market marks marriage master masters match matches matching material matrix matter maven max maximum may maybe mean
meaning means measure mechanism mechanisms media medical meet meeting meetings member members memory mention mentioned
merge merged merges merging message messages met method methods metric metrics middle might migrate migration
milestone military million mind minimal minimize minimum minor minute minutes miss missing mission mistral mitigate
mitigated mitigation mitigations mobile mode model models modern modes modification modifications modified modifies
modify modifying module modules moment money monitor monitoring month more morning most mostly mother motivation mount
mounted mouth move moved movement moves movie moving much multiple music must myself name named names naming nation
national native natural nature near nearly necessary need needed needing needs neither nested network networking
networks never new newer newly news newspaper next nexus nice night no node nodes none nor normal normally north not
note notes nothing notice notion now null number numbers object objects observability observe observed occur occurred
occurs off offer offers office officer official often oil old older omitted once one ones ongoing only onto open opens
operate operates operating operation operational operations operator operators opportunity optimization optimize
optimized option optional optionally options orchestrates orchestration orchestrator order ordered ordering orders
organization organized original originally other others otherwise our out outcome outcomes output outputs outside over
overall overhead overlap overridden override overrides overview overwrite own owned owner owners ownership owning owns
page pages pain painting pair pairs paper parallel parameter parameters parent parse parsed parser parses parsing part
partial participant particular particularly partner parts party pass passed passes passing past patch path paths
patient pattern patterns pause pay payload payment payments peace peek pending people per percentage perfect perform
performance performed performing performs perhaps period periodic periodically permission permissions persist
persisted persistence persistent persists person personal perspective phase phases phone physical pick picks picture
piece pieces pillow pin pinned pinning pipeline pipelines place placed placeholder placement places plain plan plane
planned planner planning plans plant platform platforms play player please plus pod pods poetry point pointing points
police policies policy political politics pool poor popular populated population port position positive possibility
possible possibly post posture potential potentially power powerful practical practice practices precedence precise
precision predict predictable prediction predictions prefer preferred prefix prep prepare prepared prepares
preprocessing prerequisites presence present presented presents preserve preserved preserves preserving president
pressure pretty prevent preventing prevents previous previously price primarily primary principle print prints prior
priority private privileged probably problem problems procedure procedures proceed proceeds process processed
processing prod produce produced producer produces producing product production professional professor profile program
progress project projects promotion prompt prompts propagation proper properly property proposal propose proposed
proposes protect protection protocol protocols prove provide provided provider providers provides providing provision
provisioning proxies proxy public publication publish published publishes pull purely purpose purposes push put
quality quay queries query question questions queue queues quick quickly quite race radio raise raises random range
rate rates rather raw reach reached reaches react read reader readiness reading reads ready real reality realize
really reason reasonable reasoning reasons receive received receives receiving recent recently recognize recommend
recommended reconcile reconciles reconciliation record recorded records recovery red reduce reduced reduces reducing
refactors refer referenced references referencing referred refers refined reflect reflects regardless region regions
register registered registers registration registry regression regular reject rejected rejects relate relationship
relationships relative release released releases relevant reliability reliable reliably relies religious rely relying
remain remaining remains remember remix remote removal removals remove removed removes removing render rendered
rendering renders repeatedly replace replaced replacement replaces replacing replicas report reported reporting
reports repository represent representation represented representing represents republican request requested
requesting requests require required requirement requirements requires requiring research reset resides resolve
resolved resolves resort resource resources respect respective respond response responses responsibilities
responsibility responsible rest restart restarts restrict restricted restrictions result resulting results resume
retain retries retrieve retrieves retry return returned returning returns reusable reuse reveal revert review reviewed
reviewer reviewers reviews revisit rich right rise risk risks road robust rock role roles roll rollback rolled rolling
rollout rook room rotation route router routes routing row ruby rule rules run runs rust safe safely safety same
sample satisfied satisfy save saved saves saw say says scalable scale scales scaling scan scenario scenarios scene
scenes schedule scheduled scheduler scheduling schema schemas scheme school science scientist scope scoped score
scores scratch script scripts sea seamless search searching season seat second seconds secret secrets section secure
securely security see seek seem seen sees select selected selection selector selects self sell semantic semantics send
sending sends senior sense sensitive sent separate separately separation sequence sequential series serious serve
served server servers serves service services serving session sessions set sets setting settings setup seven several
severity sex sexual shake shape shapes share shared sharing she shell ships shoot short shot should shoulder show
showing shown shows side sign signal signals signature significant significantly signing silently similar similarly
simple simpler simplest simplicity simplified simplifies simply simultaneously since sing single sister sit site
situation six size skew skill skills skin skip skipped skips slack slightly slow small smaller smart smile snapshot
snippets social society sockets soldier solid solution solutions solve solves some somebody someone something
sometimes son song soon sophisticated sort sound source sources south southern space spaces span spans spark sparks
speak spec special specialized specific specifically specification specifications specifics specified specifies
specify specifying specs speech speed spend split splitting sport spring stability stable staff stage stages staging
stale stand standalone standard standardized standards star start started starting starts startup state statement
statements states station status stay stays step steps still stock stop stops storage store stored stores storing
story str straightforward strategies strategy stream streaming streams street strict strictly string strings stripe
strong structure structured structures stuck student study stuff style styles subject submit submitted subnet
subscription subsequent subset succeed succeeds success successful successfully such suddenly suffer sufficient
suggest suggested suitable suite summary summer sup supply support supported supporting supports sure surface surfaces
swift switch sync syntax system systems tab table tables tag tags take taken takes taking talk target targeted
targeting targets task tasks tax teach teacher team technical technology telemetry television tell telling tells
template templates tempo temporarily temporary ten tend term termination test testing tests text than thank that the
their them theme themselves then theory there therefore these they thing things think thinking third this those though
thought thousand threat three threshold through throughout throw thus tied tier tilt time timeout times title toc
today together token tokens tomcat tonight too tool tooling top topic topics topology total tough toward town trace
traces tracing track tracked tracking tracks trade traditional traffic train training transfer transform transforms
transition transitions translate travel treat treated treatment treats tree trial trigger triggered triggers trip
trouble troubleshooting true truth try trying turn turns tutorial two type typed types typical typically ultimately
unaffected unavailable unchanged under underlying understand understanding understands unexpected unified unique unit
unity unknown unless unnecessary unrelated unsupported until update updated updates updating upgrade upgraded upgrades
upgrading upload upon upstream usage use used useful user users uses using usually utility utilize valid validate
validated validates validating validation value values various varnish vary vault vector verification verified
verifies verify verifying version versioning versions very via victim view violence virtual visibility visible visit
visual visualize voice volume volumes vote vpc wait waiting waits walk wall want wants war was watch watches water way
ways weapon wear web webhooks website week weight well were west western what whatever when whenever where whether
which while white who whole whom whose why wide width wife will win wind window wish with within without woman won
wonder word work worker workers workflow workflows working workload workloads works world worry worth would wrap
wrapped wrapper wrapping wraps write writer writes writing written wrong yard yeah year yes yet you young your
yourself zero zone zones
`.split(/\s+/).filter(Boolean);
