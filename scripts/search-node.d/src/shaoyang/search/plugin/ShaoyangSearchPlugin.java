/*
 * Module "shaoyang-analysis" for the local development Elasticsearch node.
 *
 * Elasticsearch's own analysis-common module (cjk analyzer, cjk_width and
 * cjk_bigram filters, ...) and rest-root module (GET /) are part of the
 * distribution only; they are not published to Maven Central. This plugin
 * registers the subset the project needs, under the same names and with the
 * same options, on top of Lucene's own implementations (lucene-analysis-common
 * is a dependency of the server jar; lucene-analysis-smartcn is the jar the
 * official analysis-smartcn plugin ships):
 *
 *   analyzers:      cjk, smartcn
 *   tokenizers:     smartcn_tokenizer, keyword, whitespace
 *   token filters:  cjk_width, cjk_bigram (ignored_scripts, output_unigrams),
 *                   asciifolding (preserve_original)
 *   REST:           GET|HEAD /  (node/cluster/version info, as rest-root)
 *
 * The server itself already provides the standard tokenizer/analyzer and the
 * lowercase, stop and shingle filters.
 */
package shaoyang.search.plugin;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.lucene.analysis.miscellaneous.DisableGraphAttribute;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

public class ShaoyangSearchPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        this.clusterService = services.clusterService();
        return List.of();
    }

    // ---------------------------------------------------------------- analysis

    private static TokenizerFactory tokenizer(String name, Supplier<Tokenizer> supplier) {
        return new TokenizerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("smartcn_tokenizer", (indexSettings, env, name, settings) -> tokenizer(name, HMMChineseTokenizer::new));
        tokenizers.put("keyword", (indexSettings, env, name, settings) -> {
            int bufferSize = settings.getAsInt("buffer_size", 256);
            return tokenizer(name, () -> new KeywordTokenizer(bufferSize));
        });
        tokenizers.put("whitespace", (indexSettings, env, name, settings) -> tokenizer(name, WhitespaceTokenizer::new));
        return tokenizers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("cjk_width", (indexSettings, env, name, settings) -> new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return new CJKWidthFilter(tokenStream);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                return this;
            }
        });
        filters.put("cjk_bigram", (indexSettings, env, name, settings) -> {
            boolean outputUnigrams = settings.getAsBoolean("output_unigrams", false);
            Set<String> scripts = new HashSet<>(Arrays.asList("han", "hiragana", "katakana", "hangul"));
            List<String> ignored = settings.getAsList("ignored_scripts");
            if (ignored != null) {
                scripts.removeAll(ignored);
            }
            int flags = (scripts.contains("han") ? CJKBigramFilter.HAN : 0)
                | (scripts.contains("hiragana") ? CJKBigramFilter.HIRAGANA : 0)
                | (scripts.contains("katakana") ? CJKBigramFilter.KATAKANA : 0)
                | (scripts.contains("hangul") ? CJKBigramFilter.HANGUL : 0);
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    CJKBigramFilter filter = new CJKBigramFilter(tokenStream, flags, outputUnigrams);
                    if (outputUnigrams) {
                        // unigrams + bigrams do not form a usable token graph
                        filter.addAttribute(DisableGraphAttribute.class);
                    }
                    return filter;
                }
            };
        });
        filters.put("asciifolding", (indexSettings, env, name, settings) -> {
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            return new AbstractTokenFilterFactory(name, settings) {
                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    return this;
                }
            };
        });
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("cjk", (indexSettings, env, name, settings) -> new AbstractIndexAnalyzerProvider<CJKAnalyzer>(name, settings) {
            private final CJKAnalyzer analyzer = new CJKAnalyzer();

            @Override
            public CJKAnalyzer get() {
                return analyzer;
            }
        });
        analyzers.put("smartcn", (indexSettings, env, name, settings) -> new AbstractIndexAnalyzerProvider<SmartChineseAnalyzer>(
            name,
            settings
        ) {
            private final SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer();

            @Override
            public SmartChineseAnalyzer get() {
                return analyzer;
            }
        });
        return analyzers;
    }

    // -------------------------------------------------------------------- REST

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new RootHandler());
    }

    /** GET / and HEAD / as served by Elasticsearch's rest-root module. */
    private final class RootHandler extends BaseRestHandler {
        @Override
        public String getName() {
            return "shaoyang_main_action";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        public boolean canTripCircuitBreaker() {
            return false;
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> {
                ClusterService cs = clusterService;
                ClusterState state = cs.state();
                Build build = Build.current();
                XContentBuilder builder = channel.newBuilder();
                builder.startObject();
                builder.field("name", cs.getNodeName());
                builder.field("cluster_name", state.getClusterName().value());
                builder.field("cluster_uuid", state.metadata().clusterUUID());
                builder.startObject("version")
                    .field("number", build.qualifiedVersion())
                    .field("build_flavor", "default")
                    .field("build_type", build.type().displayName())
                    .field("build_hash", build.hash())
                    .field("build_date", build.date())
                    .field("build_snapshot", build.isSnapshot())
                    .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                    .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                    .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                    .endObject();
                builder.field("tagline", "You Know, for Search");
                builder.endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, builder));
            };
        }
    }
}
