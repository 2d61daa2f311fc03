"""Import pipeline: extract (read any real export), transform (normalise, validate, pseudonymise), load
(one transaction, one import batch per file). Never imports Streamlit."""
