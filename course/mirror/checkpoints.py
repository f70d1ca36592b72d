"""The checkpoints the book uses: their real configurations and tokenizer settings.

`config` is the checkpoint's `config.json` as published on the Hugging Face Hub; `tokenizer_config`
its `tokenizer_config.json`; `vocabulary` names the WordPiece vocabulary rebuilt by `vocab.py`.
Only the weights are stand-ins (see `weights.py`).
"""

SENTIMENT = "distilbert-base-uncased-finetuned-sst-2-english"
BERT_CASED = "bert-base-cased"

CHECKPOINTS = {
    SENTIMENT: {
        "vocabulary": "bert-uncased",
        "tokenizer_json": False,
        "tokenizer_config": {"model_max_length": 512, "do_lower_case": True},
        "config": {
            "activation": "gelu",
            "architectures": ["DistilBertForSequenceClassification"],
            "attention_dropout": 0.1,
            "dim": 768,
            "dropout": 0.1,
            "finetuning_task": "sst-2",
            "hidden_dim": 3072,
            "id2label": {"0": "NEGATIVE", "1": "POSITIVE"},
            "initializer_range": 0.02,
            "label2id": {"NEGATIVE": 0, "POSITIVE": 1},
            "max_position_embeddings": 512,
            "model_type": "distilbert",
            "n_heads": 12,
            "n_layers": 6,
            "output_past": True,
            "pad_token_id": 0,
            "qa_dropout": 0.1,
            "seq_classif_dropout": 0.2,
            "sinusoidal_pos_embds": False,
            "tie_weights_": True,
            "vocab_size": 30522,
        },
    },
    BERT_CASED: {
        "vocabulary": "bert-cased",
        "tokenizer_json": True,
        "tokenizer_config": {"do_lower_case": False, "model_max_length": 512},
        "config": {
            "architectures": ["BertForMaskedLM"],
            "attention_probs_dropout_prob": 0.1,
            "gradient_checkpointing": False,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "hidden_size": 768,
            "initializer_range": 0.02,
            "intermediate_size": 3072,
            "layer_norm_eps": 1e-12,
            "max_position_embeddings": 512,
            "model_type": "bert",
            "num_attention_heads": 12,
            "num_hidden_layers": 12,
            "pad_token_id": 0,
            "position_embedding_type": "absolute",
            "transformers_version": "4.6.0.dev0",
            "type_vocab_size": 2,
            "use_cache": True,
            "vocab_size": 28996,
        },
    },
}
