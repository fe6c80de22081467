/**
 * The catalog's demo reference data: real providers, their well-known models with their published
 * context windows and list prices (USD per million tokens), the benchmark suites analysts compare
 * them on, and news about them. Figures are close to the public ones at release; they are demo
 * data, not a price list.
 */

export interface ProviderData {
  slug: string;
  name: string;
  website: string;
  apiHost: string;
  headquarters: string;
  /** Regions served, in failover order. */
  regions: string[];
  /** Regions with a price list of their own, in a local currency (per 1 USD). */
  regionalPrices?: Array<{ region: string; currency: string; rate: number }>;
}

export const PROVIDERS: ProviderData[] = [
  { slug: 'openai', name: 'OpenAI', website: 'https://openai.com', apiHost: 'api.openai.com', headquarters: 'San Francisco, US', regions: ['us-east', 'us-west', 'eu-west', 'asia-east'] },
  { slug: 'anthropic', name: 'Anthropic', website: 'https://www.anthropic.com', apiHost: 'api.anthropic.com', headquarters: 'San Francisco, US', regions: ['us-east', 'us-west', 'eu-west'] },
  { slug: 'google', name: 'Google', website: 'https://ai.google.dev', apiHost: 'generativelanguage.googleapis.com', headquarters: 'Mountain View, US', regions: ['us-east', 'eu-west', 'asia-east', 'asia-southeast'] },
  { slug: 'meta-llama', name: 'Meta', website: 'https://ai.meta.com', apiHost: 'api.llama.com', headquarters: 'Menlo Park, US', regions: ['us-east', 'us-west'] },
  {
    slug: 'mistralai',
    name: 'Mistral AI',
    website: 'https://mistral.ai',
    apiHost: 'api.mistral.ai', headquarters: 'Paris, FR',
    regions: ['eu-west', 'eu-central', 'us-east'],
    regionalPrices: [
      { region: 'eu-west', currency: 'EUR', rate: 0.92 },
      { region: 'eu-central', currency: 'EUR', rate: 0.92 },
    ],
  },
  { slug: 'cohere', name: 'Cohere', website: 'https://cohere.com', apiHost: 'api.cohere.com', headquarters: 'Toronto, CA', regions: ['us-east', 'eu-west'], regionalPrices: [{ region: 'eu-west', currency: 'EUR', rate: 0.92 }] },
  { slug: 'deepseek', name: 'DeepSeek', website: 'https://www.deepseek.com', apiHost: 'api.deepseek.com', headquarters: 'Hangzhou, CN', regions: ['asia-east', 'us-east'], regionalPrices: [{ region: 'asia-east', currency: 'CNY', rate: 7.2 }] },
  { slug: 'x-ai', name: 'xAI', website: 'https://x.ai', apiHost: 'api.x.ai', headquarters: 'Palo Alto, US', regions: ['us-east', 'us-west'] },
  {
    slug: 'qwen',
    name: 'Alibaba Cloud',
    website: 'https://qwenlm.github.io',
    apiHost: 'dashscope.aliyuncs.com', headquarters: 'Hangzhou, CN',
    regions: ['asia-east', 'asia-southeast', 'eu-central'],
    regionalPrices: [{ region: 'asia-east', currency: 'CNY', rate: 7.2 }],
  },
];

export interface ModelData {
  provider: string;
  slug: string;
  name: string;
  /** A localized name where the model is marketed under one. */
  zhName?: string;
  description: string;
  zhDescription: string;
  foundation: string;
  released: string;
  deprecated?: string;
  sunset?: string;
  context: number;
  maxOutput: number;
  trainingCutoff: string;
  modalities: string[];
  capabilities: string[];
  /** List price per million tokens in USD: [input, output]. */
  price: [string, string];
  /** A price the model had before `changedOn` (pricing history). */
  previousPrice?: { price: [string, string]; changedOn: string };
  fineTuningPerMillion?: string;
  audioPerMinute?: string;
  /** 0–1: how strong the model is on benchmarks, to shape demo scores. */
  strength: number;
  isActive?: boolean;
}

const TOOLS = ['function_calling', 'streaming', 'json_mode'];

export const MODELS: ModelData[] = [
  {
    provider: 'openai', slug: 'gpt-4o', name: 'GPT-4o', foundation: 'gpt-4o', released: '2024-05-13', context: 128_000, maxOutput: 16_384, trainingCutoff: '2023-10-01',
    description: 'OpenAI’s omni model: fast multimodal chat over text, images and audio, with tool use and structured outputs.',
    zhDescription: 'OpenAI 的全能模型：支持文本、图像和音频的快速多模态对话，具备工具调用与结构化输出。',
    modalities: ['text', 'image', 'audio'], capabilities: [...TOOLS, 'vision', 'fine_tuning'],
    price: ['2.5000', '10.0000'], previousPrice: { price: ['5.0000', '15.0000'], changedOn: '2024-08-06' }, fineTuningPerMillion: '25.0000', audioPerMinute: '0.0600', strength: 0.72,
  },
  {
    provider: 'openai', slug: 'gpt-4o-mini', name: 'GPT-4o mini', foundation: 'gpt-4o', released: '2024-07-18', context: 128_000, maxOutput: 16_384, trainingCutoff: '2023-10-01',
    description: 'A small, inexpensive GPT-4o for high-volume chat, classification and extraction, with vision input.',
    zhDescription: '小巧低价的 GPT-4o，适合大批量对话、分类与信息抽取，支持图像输入。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision', 'fine_tuning'], price: ['0.1500', '0.6000'], fineTuningPerMillion: '3.0000', strength: 0.5,
  },
  {
    provider: 'openai', slug: 'gpt-4.1', name: 'GPT-4.1', foundation: 'gpt-4.1', released: '2025-04-14', context: 1_047_576, maxOutput: 32_768, trainingCutoff: '2024-06-01',
    description: 'Flagship GPT model tuned for coding and precise instruction following, with a one-million-token context window.',
    zhDescription: '面向编程与精确指令遵循的旗舰 GPT 模型，拥有百万 token 上下文窗口。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision', 'fine_tuning'], price: ['2.0000', '8.0000'], fineTuningPerMillion: '25.0000', strength: 0.78,
  },
  {
    provider: 'openai', slug: 'o3', name: 'o3', foundation: 'o-series', released: '2025-04-16', context: 200_000, maxOutput: 100_000, trainingCutoff: '2024-06-01',
    description: 'OpenAI’s most capable reasoning model: thinks step by step before answering hard math, science and coding problems.',
    zhDescription: 'OpenAI 最强的推理模型：在回答数学、科学和编程难题前逐步思考。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision', 'reasoning'],
    price: ['2.0000', '8.0000'], previousPrice: { price: ['10.0000', '40.0000'], changedOn: '2025-06-10' }, strength: 0.95,
  },
  {
    provider: 'openai', slug: 'o4-mini', name: 'o4-mini', foundation: 'o-series', released: '2025-04-16', context: 200_000, maxOutput: 100_000, trainingCutoff: '2024-06-01',
    description: 'A small reasoning model with strong math and coding results at a fraction of the cost of o3.',
    zhDescription: '小型推理模型，以 o3 一小部分的成本取得出色的数学与编程成绩。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision', 'reasoning'], price: ['1.1000', '4.4000'], strength: 0.86,
  },
  {
    provider: 'openai', slug: 'gpt-3.5-turbo', name: 'GPT-3.5 Turbo', foundation: 'gpt-3.5', released: '2023-03-01', deprecated: '2024-07-18', sunset: '2025-09-30', context: 16_385, maxOutput: 4_096, trainingCutoff: '2021-09-01',
    description: 'The original ChatGPT model, superseded by GPT-4o mini and no longer offered to new customers.',
    zhDescription: '最初的 ChatGPT 模型，已被 GPT-4o mini 取代，不再向新客户提供。',
    modalities: ['text'], capabilities: [...TOOLS, 'fine_tuning'], price: ['0.5000', '1.5000'], fineTuningPerMillion: '8.0000', strength: 0.2, isActive: false,
  },
  {
    provider: 'anthropic', slug: 'claude-3.5-sonnet', name: 'Claude 3.5 Sonnet', foundation: 'claude-3.5', released: '2024-06-20', deprecated: '2025-08-13', sunset: '2025-10-22', context: 200_000, maxOutput: 8_192, trainingCutoff: '2024-04-01',
    description: 'Anthropic’s mid-size model that set the bar for coding agents in 2024; retired in favour of Claude Sonnet 4.',
    zhDescription: 'Anthropic 的中型模型，2024 年编程智能体的标杆；现已由 Claude Sonnet 4 取代。',
    modalities: ['text', 'image'], capabilities: ['function_calling', 'streaming', 'vision'], price: ['3.0000', '15.0000'], strength: 0.7, isActive: false,
  },
  {
    provider: 'anthropic', slug: 'claude-3.5-haiku', name: 'Claude 3.5 Haiku', foundation: 'claude-3.5', released: '2024-11-04', context: 200_000, maxOutput: 8_192, trainingCutoff: '2024-07-01',
    description: 'Anthropic’s fastest model, for real-time chat, sub-agents and high-volume classification.',
    zhDescription: 'Anthropic 速度最快的模型，适合实时对话、子智能体和大批量分类。',
    modalities: ['text'], capabilities: ['function_calling', 'streaming'], price: ['0.8000', '4.0000'], previousPrice: { price: ['1.0000', '5.0000'], changedOn: '2024-12-12' }, strength: 0.52,
  },
  {
    provider: 'anthropic', slug: 'claude-opus-4', name: 'Claude Opus 4', foundation: 'claude-4', released: '2025-05-22', context: 200_000, maxOutput: 32_000, trainingCutoff: '2025-03-01',
    description: 'Anthropic’s most capable model: sustained long-horizon coding and agentic work with extended thinking.',
    zhDescription: 'Anthropic 能力最强的模型：支持扩展思考，胜任长时间的编程与智能体任务。',
    modalities: ['text', 'image'], capabilities: ['function_calling', 'streaming', 'vision', 'reasoning'], price: ['15.0000', '75.0000'], strength: 0.94,
  },
  {
    provider: 'anthropic', slug: 'claude-sonnet-4', name: 'Claude Sonnet 4', foundation: 'claude-4', released: '2025-05-22', context: 200_000, maxOutput: 64_000, trainingCutoff: '2025-03-01',
    description: 'Balanced Claude model for coding, writing and tool use, with optional extended thinking.',
    zhDescription: '均衡的 Claude 模型，适用于编程、写作与工具调用，可选扩展思考。',
    modalities: ['text', 'image'], capabilities: ['function_calling', 'streaming', 'vision', 'reasoning'], price: ['3.0000', '15.0000'], strength: 0.88,
  },
  {
    provider: 'google', slug: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', foundation: 'gemini-2.5', released: '2025-03-25', context: 1_048_576, maxOutput: 65_536, trainingCutoff: '2025-01-01',
    description: 'Google’s thinking model for complex reasoning and coding over text, images, audio and video, with a one-million-token context.',
    zhDescription: 'Google 的思考型模型，可在文本、图像、音频和视频上进行复杂推理与编程，上下文达百万 token。',
    modalities: ['text', 'image', 'audio', 'video'], capabilities: [...TOOLS, 'vision', 'reasoning'], price: ['1.2500', '10.0000'], strength: 0.93,
  },
  {
    provider: 'google', slug: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', foundation: 'gemini-2.5', released: '2025-04-17', context: 1_048_576, maxOutput: 65_536, trainingCutoff: '2025-01-01',
    description: 'Fast, low-cost Gemini with adjustable thinking budget for high-throughput multimodal work.',
    zhDescription: '快速低价的 Gemini，可调节思考预算，适合高吞吐的多模态任务。',
    modalities: ['text', 'image', 'audio', 'video'], capabilities: [...TOOLS, 'vision', 'reasoning'], price: ['0.3000', '2.5000'], previousPrice: { price: ['0.1500', '0.6000'], changedOn: '2025-06-17' }, strength: 0.8,
  },
  {
    provider: 'google', slug: 'gemma-3-27b-it', name: 'Gemma 3 27B', foundation: 'gemma-3', released: '2025-03-12', context: 131_072, maxOutput: 8_192, trainingCutoff: '2024-08-01',
    description: 'Open-weights Gemma model that runs on a single GPU, with vision input and 140-language support.',
    zhDescription: '可在单张 GPU 上运行的开放权重 Gemma 模型，支持图像输入与 140 种语言。',
    modalities: ['text', 'image'], capabilities: ['streaming', 'vision', 'fine_tuning'], price: ['0.1000', '0.2000'], strength: 0.45,
  },
  {
    provider: 'meta-llama', slug: 'llama-3.1-405b-instruct', name: 'Llama 3.1 405B Instruct', foundation: 'llama-3.1', released: '2024-07-23', context: 131_072, maxOutput: 16_384, trainingCutoff: '2023-12-01',
    description: 'The largest open-weights Llama 3.1 model, for synthetic data generation and distillation.',
    zhDescription: '规模最大的开放权重 Llama 3.1 模型，适用于合成数据生成和蒸馏。',
    modalities: ['text'], capabilities: ['function_calling', 'streaming', 'fine_tuning'], price: ['3.0000', '3.0000'], strength: 0.62,
  },
  {
    provider: 'meta-llama', slug: 'llama-3.3-70b-instruct', name: 'Llama 3.3 70B Instruct', foundation: 'llama-3.3', released: '2024-12-06', context: 131_072, maxOutput: 16_384, trainingCutoff: '2023-12-01',
    description: 'Multilingual open-weights Llama with 405B-class quality at 70B cost.',
    zhDescription: '多语言开放权重 Llama，以 70B 的成本达到 405B 级别的质量。',
    modalities: ['text'], capabilities: ['function_calling', 'streaming', 'fine_tuning'], price: ['0.6000', '0.6000'], strength: 0.58,
  },
  {
    provider: 'meta-llama', slug: 'llama-4-maverick', name: 'Llama 4 Maverick', foundation: 'llama-4', released: '2025-04-05', context: 1_048_576, maxOutput: 16_384, trainingCutoff: '2024-08-01',
    description: 'Natively multimodal mixture-of-experts Llama with 17B active parameters and 128 experts.',
    zhDescription: '原生多模态的混合专家 Llama，170 亿激活参数，128 个专家。',
    modalities: ['text', 'image'], capabilities: ['function_calling', 'streaming', 'vision'], price: ['0.2000', '0.6000'], strength: 0.66,
  },
  {
    provider: 'mistralai', slug: 'mistral-large-2411', name: 'Mistral Large 2', foundation: 'mistral-large', released: '2024-11-18', context: 131_072, maxOutput: 4_096, trainingCutoff: '2024-06-01',
    description: 'Mistral’s flagship for reasoning, code and multilingual work in dozens of languages.',
    zhDescription: 'Mistral 的旗舰模型，擅长推理、编程和数十种语言的多语种任务。',
    modalities: ['text'], capabilities: [...TOOLS], price: ['2.0000', '6.0000'], strength: 0.64,
  },
  {
    provider: 'mistralai', slug: 'mistral-small-3.1-24b-instruct', name: 'Mistral Small 3.1', foundation: 'mistral-small', released: '2025-03-17', context: 131_072, maxOutput: 8_192, trainingCutoff: '2024-10-01',
    description: 'Apache-licensed 24B model with vision input, fast enough for on-device assistants.',
    zhDescription: '采用 Apache 许可证的 240 亿参数模型，支持图像输入，速度足以用于端侧助手。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision', 'fine_tuning'], price: ['0.1000', '0.3000'], strength: 0.48,
  },
  {
    provider: 'mistralai', slug: 'codestral-2501', name: 'Codestral', foundation: 'codestral', released: '2025-01-13', context: 262_144, maxOutput: 8_192, trainingCutoff: '2024-09-01',
    description: 'Code model for fill-in-the-middle completion, test generation and code review across 80 languages.',
    zhDescription: '面向 80 多种编程语言的代码模型，支持中间填充补全、测试生成和代码评审。',
    modalities: ['text'], capabilities: ['streaming', 'json_mode'], price: ['0.3000', '0.9000'], strength: 0.55,
  },
  {
    provider: 'cohere', slug: 'command-r-plus-08-2024', name: 'Command R+', foundation: 'command-r', released: '2024-08-30', context: 128_000, maxOutput: 4_096, trainingCutoff: '2024-02-01',
    description: 'Retrieval-augmented generation model with grounded citations, built for enterprise search.',
    zhDescription: '带有可溯源引用的检索增强生成模型，专为企业搜索打造。',
    modalities: ['text'], capabilities: ['function_calling', 'streaming'], price: ['2.5000', '10.0000'], strength: 0.5,
  },
  {
    provider: 'cohere', slug: 'command-a', name: 'Command A', foundation: 'command-a', released: '2025-03-13', context: 256_000, maxOutput: 8_192, trainingCutoff: '2024-06-01',
    description: 'Cohere’s efficient enterprise model for agents and multilingual retrieval, served on two GPUs.',
    zhDescription: 'Cohere 面向智能体与多语言检索的高效企业模型，仅需两张 GPU 即可部署。',
    modalities: ['text'], capabilities: [...TOOLS], price: ['2.5000', '10.0000'], strength: 0.63,
  },
  {
    provider: 'deepseek', slug: 'deepseek-chat', name: 'DeepSeek-V3', zhName: '深度求索 DeepSeek-V3', foundation: 'deepseek-v3', released: '2024-12-26', context: 163_840, maxOutput: 8_192, trainingCutoff: '2024-07-01',
    description: 'Open-weights mixture-of-experts chat model with 671B parameters and strong coding and math.',
    zhDescription: '开放权重的混合专家对话模型，6710 亿参数，编程与数学能力突出。',
    modalities: ['text'], capabilities: [...TOOLS], price: ['0.2700', '1.1000'], strength: 0.74,
  },
  {
    provider: 'deepseek', slug: 'deepseek-r1', name: 'DeepSeek-R1', zhName: '深度求索 DeepSeek-R1', foundation: 'deepseek-v3', released: '2025-01-20', context: 163_840, maxOutput: 32_768, trainingCutoff: '2024-07-01',
    description: 'Open reasoning model trained with reinforcement learning, rivalling o1 on math and code.',
    zhDescription: '通过强化学习训练的开放推理模型，在数学和编程上可与 o1 媲美。',
    modalities: ['text'], capabilities: ['streaming', 'reasoning'], price: ['0.5500', '2.1900'], strength: 0.84,
  },
  {
    provider: 'x-ai', slug: 'grok-3', name: 'Grok 3', foundation: 'grok-3', released: '2025-02-17', context: 131_072, maxOutput: 16_384, trainingCutoff: '2024-11-01',
    description: 'xAI’s flagship for enterprise tasks such as data extraction, coding and summarisation.',
    zhDescription: 'xAI 的旗舰模型，适用于数据抽取、编程和摘要等企业任务。',
    modalities: ['text'], capabilities: [...TOOLS], price: ['3.0000', '15.0000'], strength: 0.8,
  },
  {
    provider: 'x-ai', slug: 'grok-3-mini', name: 'Grok 3 mini', foundation: 'grok-3', released: '2025-02-17', context: 131_072, maxOutput: 16_384, trainingCutoff: '2024-11-01',
    description: 'Lightweight thinking model that shows its reasoning trace, for logic puzzles and math.',
    zhDescription: '会展示推理过程的轻量思考模型，适合逻辑题和数学。',
    modalities: ['text'], capabilities: [...TOOLS, 'reasoning'], price: ['0.3000', '0.5000'], strength: 0.76,
  },
  {
    provider: 'qwen', slug: 'qwen-2.5-72b-instruct', name: 'Qwen2.5 72B Instruct', zhName: '通义千问 Qwen2.5 72B', foundation: 'qwen-2.5', released: '2024-09-19', context: 131_072, maxOutput: 8_192, trainingCutoff: '2024-06-01',
    description: 'Open-weights Qwen model strong at Chinese and English, math, coding and structured output.',
    zhDescription: '开放权重的通义千问模型，中英文、数学、编程和结构化输出能力强。',
    modalities: ['text'], capabilities: [...TOOLS, 'fine_tuning'], price: ['0.3500', '0.4000'], strength: 0.6,
  },
  {
    provider: 'qwen', slug: 'qwen3-235b-a22b', name: 'Qwen3 235B A22B', zhName: '通义千问 Qwen3 235B', foundation: 'qwen-3', released: '2025-04-28', context: 131_072, maxOutput: 32_768, trainingCutoff: '2024-12-01',
    description: 'Hybrid thinking mixture-of-experts Qwen with 22B active parameters and 119 languages.',
    zhDescription: '混合思考模式的通义千问混合专家模型，220 亿激活参数，支持 119 种语言。',
    modalities: ['text'], capabilities: [...TOOLS, 'reasoning'], price: ['0.2000', '0.6000'], strength: 0.82,
  },
  {
    provider: 'qwen', slug: 'qwen2.5-vl-72b-instruct', name: 'Qwen2.5 VL 72B', zhName: '通义千问 Qwen2.5 VL 72B', foundation: 'qwen-2.5', released: '2025-01-28', context: 131_072, maxOutput: 8_192, trainingCutoff: '2024-06-01',
    description: 'Vision-language Qwen that reads documents, charts and long videos and can act as a visual agent.',
    zhDescription: '视觉语言版通义千问，可阅读文档、图表和长视频，并能充当视觉智能体。',
    modalities: ['text', 'image', 'video'], capabilities: ['streaming', 'vision', 'json_mode'], price: ['0.2500', '0.7500'], strength: 0.57,
  },
  {
    provider: 'google', slug: 'gemini-2.0-flash-001', name: 'Gemini 2.0 Flash', foundation: 'gemini-2.0', released: '2025-02-05', deprecated: '2025-09-01', context: 1_048_576, maxOutput: 8_192, trainingCutoff: '2024-08-01',
    description: 'Previous-generation workhorse Gemini with native tool use and multimodal input.',
    zhDescription: '上一代主力 Gemini，原生支持工具调用与多模态输入。',
    modalities: ['text', 'image', 'audio', 'video'], capabilities: [...TOOLS, 'vision'], price: ['0.1000', '0.4000'], strength: 0.6,
  },
  {
    provider: 'mistralai', slug: 'pixtral-large-2411', name: 'Pixtral Large', foundation: 'mistral-large', released: '2024-11-18', context: 131_072, maxOutput: 4_096, trainingCutoff: '2024-06-01',
    description: 'Mistral’s 124B multimodal model for document, chart and image understanding.',
    zhDescription: 'Mistral 的 1240 亿参数多模态模型，擅长理解文档、图表和图像。',
    modalities: ['text', 'image'], capabilities: [...TOOLS, 'vision'], price: ['2.0000', '6.0000'], strength: 0.6,
  },
];

export interface SuiteData {
  slug: string;
  name: string;
  category: string;
  version: string;
  description: string;
  zhDescription: string;
  /** Normalized score range (0–100) from the weakest to the strongest demo model. */
  range: [number, number];
  /** Only models with this modality are evaluated. */
  needs?: string;
}

export const SUITES: SuiteData[] = [
  { slug: 'mmlu', name: 'MMLU', category: 'language', version: '1.0', range: [68, 92], description: 'Massive Multitask Language Understanding: 57 subjects from law to physics, multiple choice.', zhDescription: '大规模多任务语言理解：涵盖法律到物理等 57 个学科的选择题。' },
  { slug: 'mmlu-pro', name: 'MMLU-Pro', category: 'reasoning', version: '1.0', range: [42, 86], description: 'Harder, reasoning-heavy MMLU with ten answer options per question.', zhDescription: '更难、更侧重推理的 MMLU，每题十个选项。' },
  { slug: 'humaneval', name: 'HumanEval', category: 'code', version: '1.0', range: [62, 96], description: 'Python function synthesis from docstrings, scored pass@1.', zhDescription: '根据文档字符串生成 Python 函数，按 pass@1 计分。' },
  { slug: 'gsm8k', name: 'GSM8K', category: 'math', version: '1.0', range: [76, 97], description: 'Grade-school math word problems needing multi-step arithmetic.', zhDescription: '需要多步运算的小学数学应用题。' },
  { slug: 'math', name: 'MATH', category: 'math', version: '500', range: [38, 97], description: 'Competition mathematics (MATH-500 subset), exact final answers.', zhDescription: '竞赛数学（MATH-500 子集），要求精确的最终答案。' },
  { slug: 'gpqa', name: 'GPQA Diamond', category: 'reasoning', version: 'diamond', range: [30, 84], description: 'Graduate-level, Google-proof science questions in biology, physics and chemistry.', zhDescription: '研究生水平、难以检索的生物、物理和化学问题。' },
  { slug: 'mmmu', name: 'MMMU', category: 'multimodal', version: 'val', range: [50, 82], needs: 'image', description: 'College-level questions over images, charts and diagrams across 30 subjects.', zhDescription: '涵盖 30 个学科的大学水平图像、图表和示意图问题。' },
  { slug: 'swe-bench-verified', name: 'SWE-bench Verified', category: 'code', version: 'verified', range: [8, 74], description: 'Real GitHub issues resolved end to end, verified by human engineers.', zhDescription: '端到端解决真实 GitHub 问题，经人工工程师验证。' },
];

export interface NewsData {
  slug: string;
  title: string;
  zhTitle?: string;
  summary: string;
  category: string;
  tags: string[];
  publishedAt: string | null;
  featured?: boolean;
  source: string;
  mentions: Array<[slug: string, type: 'primary' | 'comparison' | 'brief']>;
}

export const NEWS: NewsData[] = [
  {
    slug: 'openai-cuts-o3-price-by-80-percent', title: 'OpenAI cuts o3 prices by 80%', zhTitle: 'OpenAI 将 o3 价格下调 80%',
    summary: 'o3 now costs $2 per million input tokens and $8 per million output tokens, the same as GPT-4.1.',
    category: 'pricing', tags: ['pricing', 'openai', 'reasoning'], publishedAt: '2025-06-10T18:00:00Z', featured: true, source: 'https://openai.com/api/pricing',
    mentions: [['o3', 'primary'], ['gpt-4.1', 'comparison'], ['o4-mini', 'brief']],
  },
  {
    slug: 'claude-4-opus-and-sonnet-launch', title: 'Anthropic launches Claude Opus 4 and Claude Sonnet 4', zhTitle: 'Anthropic 发布 Claude Opus 4 与 Claude Sonnet 4',
    summary: 'The Claude 4 family targets long-running coding agents; Opus 4 leads SWE-bench Verified at launch.',
    category: 'release', tags: ['release', 'anthropic', 'coding', 'agents'], publishedAt: '2025-05-22T16:30:00Z', featured: true, source: 'https://www.anthropic.com/news/claude-4',
    mentions: [['claude-opus-4', 'primary'], ['claude-sonnet-4', 'primary'], ['gpt-4.1', 'comparison'], ['gemini-2.5-pro', 'comparison']],
  },
  {
    slug: 'gemini-2-5-pro-and-flash-generally-available', title: 'Gemini 2.5 Pro and Flash are generally available',
    summary: 'Google moves its thinking models to GA and raises Flash prices as the thinking and non-thinking tiers merge.',
    category: 'release', tags: ['release', 'google', 'pricing'], publishedAt: '2025-06-17T15:00:00Z', source: 'https://developers.googleblog.com',
    mentions: [['gemini-2.5-pro', 'primary'], ['gemini-2.5-flash', 'primary'], ['gemini-2.0-flash-001', 'brief']],
  },
  {
    slug: 'llama-4-maverick-open-weights', title: 'Meta releases Llama 4 Maverick with open weights',
    summary: 'A 400B-parameter mixture-of-experts model with 17B active parameters and native image understanding.',
    category: 'release', tags: ['release', 'open-weights', 'meta'], publishedAt: '2025-04-05T19:00:00Z', source: 'https://ai.meta.com/blog/llama-4-multimodal-intelligence/',
    mentions: [['llama-4-maverick', 'primary'], ['llama-3.3-70b-instruct', 'comparison'], ['gpt-4o', 'comparison']],
  },
  {
    slug: 'deepseek-r1-matches-o1-on-math', title: 'DeepSeek-R1 matches o1 on math at a fraction of the price', zhTitle: 'DeepSeek-R1 数学能力比肩 o1，价格仅为零头',
    summary: 'The open reasoning model scores above 97% on MATH-500 and is released under the MIT licence.',
    category: 'benchmark', tags: ['benchmark', 'open-weights', 'reasoning', 'math'], publishedAt: '2025-01-20T12:00:00Z', featured: true, source: 'https://api-docs.deepseek.com/news/news250120',
    mentions: [['deepseek-r1', 'primary'], ['deepseek-chat', 'brief'], ['o3', 'comparison']],
  },
  {
    slug: 'qwen3-hybrid-thinking-release', title: 'Qwen3 brings hybrid thinking to open weights', zhTitle: '通义千问 Qwen3 发布：开放权重的混合思考模型',
    summary: 'Alibaba’s Qwen3 family switches between thinking and non-thinking modes and supports 119 languages.',
    category: 'release', tags: ['release', 'open-weights', 'reasoning'], publishedAt: '2025-04-29T02:00:00Z', source: 'https://qwenlm.github.io/blog/qwen3/',
    mentions: [['qwen3-235b-a22b', 'primary'], ['deepseek-r1', 'comparison'], ['qwen-2.5-72b-instruct', 'brief']],
  },
  {
    slug: 'mistral-small-3-1-apache-license', title: 'Mistral Small 3.1 adds vision under Apache 2.0',
    summary: 'The 24B model now reads images and extends its context to 128k tokens while staying on one GPU.',
    category: 'release', tags: ['release', 'open-weights', 'mistral'], publishedAt: '2025-03-17T10:00:00Z', source: 'https://mistral.ai/news/mistral-small-3-1',
    mentions: [['mistral-small-3.1-24b-instruct', 'primary'], ['gemma-3-27b-it', 'comparison'], ['gpt-4o-mini', 'comparison']],
  },
  {
    slug: 'gpqa-diamond-leaderboard-autumn', title: 'GPQA Diamond: reasoning models pull ahead',
    summary: 'Thinking models now clear 80% on graduate-level science questions; chat models trail by twenty points.',
    category: 'benchmark', tags: ['benchmark', 'reasoning', 'leaderboard'], publishedAt: '2025-07-08T09:00:00Z', source: 'https://arxiv.org/abs/2311.12022',
    mentions: [['o3', 'comparison'], ['gemini-2.5-pro', 'comparison'], ['claude-opus-4', 'comparison'], ['grok-3', 'brief']],
  },
  {
    slug: 'claude-3-5-sonnet-retirement', title: 'Claude 3.5 Sonnet is retired',
    summary: 'Anthropic retires Claude 3.5 Sonnet on 22 October 2025; customers should move to Claude Sonnet 4.',
    category: 'deprecation', tags: ['deprecation', 'anthropic'], publishedAt: '2025-08-13T17:00:00Z', source: 'https://docs.anthropic.com/en/docs/about-claude/model-deprecations',
    mentions: [['claude-3.5-sonnet', 'primary'], ['claude-sonnet-4', 'brief']],
  },
  {
    slug: 'grok-3-api-available', title: 'Grok 3 and Grok 3 mini arrive on the xAI API',
    summary: 'xAI opens its flagship and its reasoning mini model to developers, with function calling and structured output.',
    category: 'release', tags: ['release', 'xai'], publishedAt: '2025-04-10T20:00:00Z', source: 'https://docs.x.ai/docs/models',
    mentions: [['grok-3', 'primary'], ['grok-3-mini', 'primary']],
  },
  {
    slug: 'command-a-enterprise-agents', title: 'Cohere’s Command A runs enterprise agents on two GPUs',
    summary: 'Command A matches GPT-4o on agentic enterprise tasks while needing a fraction of the hardware.',
    category: 'release', tags: ['release', 'enterprise', 'agents'], publishedAt: '2025-03-13T14:00:00Z', source: 'https://cohere.com/blog/command-a',
    mentions: [['command-a', 'primary'], ['gpt-4o', 'comparison'], ['command-r-plus-08-2024', 'brief']],
  },
  {
    slug: 'gpt-4-1-million-token-context', title: 'GPT-4.1 brings a million-token context to the API',
    summary: 'OpenAI’s new family improves coding and instruction following and replaces GPT-4.5 Preview.',
    category: 'release', tags: ['release', 'openai', 'coding', 'long-context'], publishedAt: '2025-04-14T17:00:00Z', source: 'https://openai.com/index/gpt-4-1/',
    mentions: [['gpt-4.1', 'primary'], ['gpt-4o', 'comparison']],
  },
  {
    slug: 'draft-open-weights-roundup', title: 'Open-weights roundup (draft)',
    summary: 'Unpublished: a comparison of this year’s open-weights releases.',
    category: 'analysis', tags: ['open-weights'], publishedAt: null, source: 'https://example.com/draft',
    mentions: [['llama-4-maverick', 'comparison'], ['qwen3-235b-a22b', 'comparison']],
  },
];

/** Kinds of fine-tune the scale option generates on top of open-weights models. */
export const FINE_TUNE_DOMAINS = ['Instruct', 'Chat', 'Coder', 'Vision', 'Medical', 'Legal', 'Finance', 'Support', 'Translate', 'Math'];
